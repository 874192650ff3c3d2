import { cloudRequestAllItems, cloudRequestPages } from '../../../nodes/shared/transport';
import type { CloudPagination } from '../../../nodes/shared/transport';
import { FaultServer, createFakeContext, fakeClock, sendJson } from './fakeContext';

const server = new FaultServer();
let baseURL = '';

beforeAll(async () => {
	baseURL = await server.start();
});

afterAll(async () => {
	await server.stop();
});

const PAGE_SIZE = 3;
const TOTAL_ITEMS = 10;

interface ItemsPage {
	data: { items: Array<{ id: number }> };
	next: number | null;
}

/** GET /items?cursor=N -> PAGE_SIZE items from N, `next` cursor or null. */
function serveCursorPages(options: { failFirstHitWith?: number } = {}) {
	server.reset((req, res, hit) => {
		if (hit === 1 && options.failFirstHitWith) return sendJson(res, options.failFirstHitWith, {});
		const cursor = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor') ?? 0);
		const ids = Array.from({ length: PAGE_SIZE }, (_, i) => cursor + i).filter(
			(id) => id < TOTAL_ITEMS,
		);
		const next = cursor + PAGE_SIZE < TOTAL_ITEMS ? cursor + PAGE_SIZE : null;
		const link: Record<string, string> =
			next === null ? {} : { link: `<${baseURL}/items?cursor=${next}>; rel="next"` };
		sendJson(res, 200, { data: { items: ids.map((id) => ({ id })) }, next }, link);
	});
}

const byCursor: CloudPagination<ItemsPage> = {
	itemsPath: 'data.items',
	nextPage: (response, previous) =>
		response.next === null ? undefined : { qs: { ...previous.qs, cursor: response.next } },
};

describe('pagination', () => {
	test('cloudRequestAllItems follows the cursor to the last page', async () => {
		serveCursorPages();
		const items = await cloudRequestAllItems(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/items` },
			byCursor,
		);
		expect(items.map((item) => item.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(server.hitsOf('/items')).toBe(4);
	});

	test('stops at limit without fetching further pages', async () => {
		serveCursorPages();
		const items = await cloudRequestAllItems(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/items` },
			{
				...byCursor,
				limit: 4,
			},
		);
		expect(items.map((item) => item.id)).toEqual([0, 1, 2, 3]);
		expect(server.hitsOf('/items')).toBe(2);
	});

	test('limit 0 sends nothing', async () => {
		serveCursorPages();
		expect(
			await cloudRequestAllItems(
				createFakeContext().ctx,
				'test',
				{ url: `${baseURL}/items` },
				{ ...byCursor, limit: 0 },
			),
		).toEqual([]);
		expect(server.hitsOf('/items')).toBe(0);
	});

	test('each page goes through the retry layer', async () => {
		serveCursorPages({ failFirstHitWith: 503 });
		const clock = fakeClock();
		const items = await cloudRequestAllItems(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/items` },
			byCursor,
			{},
			clock.deps,
		);
		expect(items).toHaveLength(TOTAL_ITEMS);
		expect(clock.delays).toEqual([250]);
		expect(server.hitsOf('/items')).toBe(5);
	});

	test('Link-header pagination with returnFullResponse reads items from the body', async () => {
		serveCursorPages();
		const pages = [];
		for await (const page of cloudRequestPages<{ id: number }>(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/items`, returnFullResponse: true },
			{
				itemsPath: 'data.items',
				nextPage: (response: { headers: Record<string, string> }) => {
					const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
					return next ? { url: next } : undefined;
				},
			},
		)) {
			pages.push(page);
		}
		expect(pages.map((page) => page.pageIndex)).toEqual([0, 1, 2, 3]);
		expect(pages.flatMap((page) => page.items.map((item) => item.id))).toHaveLength(TOTAL_ITEMS);
	});

	test('a service repeating the same cursor does not loop forever', async () => {
		server.reset((_req, res) => sendJson(res, 200, { data: { items: [{ id: 1 }] }, next: 3 }));
		const items = await cloudRequestAllItems(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/items` },
			byCursor,
		);
		expect(items).toEqual([{ id: 1 }, { id: 1 }]);
		expect(server.hitsOf('/items')).toBe(2);
	});

	test('a body that is itself the array needs no itemsPath', async () => {
		server.reset((_req, res) => sendJson(res, 200, [{ id: 'a' }, { id: 'b' }]));
		const items = await cloudRequestAllItems(
			createFakeContext().ctx,
			'test',
			{ url: `${baseURL}/flat` },
			{
				nextPage: () => undefined,
			},
		);
		expect(items).toEqual([{ id: 'a' }, { id: 'b' }]);
	});
});
