import { codaRequest, type CodaRequestOptions } from '../fakes/coda/client';
import { Router } from '../fakes/coda/router';
import {
	CODA_RATE_LIMITS,
	startCodaFake,
	type CodaFake,
	type SeededDoc,
} from '../fakes/coda/server';
import { CODA_SPEC_PATCHES } from '../fakes/coda/specPatches';
import { codaSpecValidator, loadCodaSpec, SpecValidator } from '../fakes/coda/specValidator';

const NO_LIMITS = { read: null, write: null, writeDocContent: null, listDocs: null };
/** Generous enough that a loaded CI machine still sees "pending" right after the request. */
const DELAY_MS = 300;
const WINDOW_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: CodaFake;
let doc: SeededDoc;

const api = (method: string, path: string, options?: CodaRequestOptions) =>
	codaRequest(fake, method, path, options);
const tasks = () => doc.tables.Tasks;
const rowsPath = () => `/docs/${doc.id}/tables/${tasks().id}/rows`;
const col = (name: string) => tasks().columns[name];

beforeAll(async () => {
	fake = await startCodaFake({ rateLimits: NO_LIMITS });
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => {
	fake.reset();
	fake.setMutationDelay(0);
	doc = fake.seedSampleDoc();
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

describe('auth and account', () => {
	it('whoami returns the token user', async () => {
		const res = await api('GET', '/whoami');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			type: 'user',
			loginId: 'fake.user@example.com',
			scoped: false,
			href: `${fake.url}/whoami`,
		});
		expect(fake.requests).toEqual([
			{ method: 'GET', path: '/apis/v1/whoami', query: '', status: 200 },
		]);
	});

	it.each([
		['missing', null],
		['wrong', 'not-the-token'],
	])('%s token → 401 with Coda error body', async (_label, token) => {
		const res = await api('GET', `/docs/${doc.id}`, { token });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({
			statusCode: 401,
			statusMessage: 'Unauthorized',
			message: 'Unauthorized',
		});
	});
});

describe('docs', () => {
	it('lists, filters and paginates docs with pageToken and nextPageLink', async () => {
		fake.seedDoc({ name: 'Budget 2024' });
		fake.seedDoc({ name: 'Foreign', owner: { name: 'Other', email: 'other@example.com' } });
		const all = await api('GET', '/docs');
		expect(all.body.items.map((d: { name: string }) => d.name)).toEqual([
			'Sample doc',
			'Budget 2024',
			'Foreign',
		]);
		expect(all.body.nextPageToken).toBeUndefined();
		expect((await api('GET', '/docs', { query: { query: 'budget' } })).body.items).toHaveLength(1);
		expect((await api('GET', '/docs', { query: { isOwner: true } })).body.items).toHaveLength(2);

		const first = await api('GET', '/docs', { query: { limit: 2 } });
		expect(first.body.items).toHaveLength(2);
		expect(first.body.nextPageLink).toBe(`${fake.url}/docs?pageToken=${first.body.nextPageToken}`);
		const second = await api('GET', '/docs', { query: { pageToken: first.body.nextPageToken } });
		expect(second.body.items.map((d: { name: string }) => d.name)).toEqual(['Foreign']);
		expect(second.body.nextPageToken).toBeUndefined();
		const viaLink = await api('GET', first.body.nextPageLink);
		expect(viaLink.body.items).toEqual(second.body.items);
	});

	it('gets a doc with href/browserLink/workspace/folder', async () => {
		const res = await api('GET', `/docs/${doc.id}`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			id: doc.id,
			type: 'doc',
			href: `${fake.url}/docs/${doc.id}`,
			browserLink: `https://coda.io/d/_d${doc.id}`,
			name: 'Sample doc',
			docSize: { tableAndViewCount: 3, pageCount: 3 },
			workspace: { type: 'workspace' },
			folder: { type: 'folder' },
		});
	});

	it('creates (201 + requestId), copies, renames and deletes docs', async () => {
		const created = await api('POST', '/docs', {
			body: {
				title: 'New doc',
				initialPage: {
					name: 'Intro',
					pageContent: { type: 'canvas', canvasContent: { format: 'markdown', content: '# Hi' } },
				},
			},
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			type: 'doc',
			name: 'New doc',
			requestId: expect.any(String),
		});
		const pages = await api('GET', `/docs/${created.body.id}/pages`);
		expect(pages.body.items.map((p: { name: string }) => p.name)).toEqual(['Intro']);

		const copy = await api('POST', '/docs', { body: { title: 'Copy', sourceDoc: doc.id } });
		expect(copy.body.sourceDoc).toMatchObject({ id: doc.id, type: 'doc' });
		expect((await api('GET', `/docs/${copy.body.id}/tables/Tasks/rows`)).body.items).toHaveLength(
			5,
		);
		expect((await api('GET', '/docs', { query: { sourceDoc: doc.id } })).body.items).toHaveLength(
			1,
		);
		expect((await api('POST', '/docs', { body: { sourceDoc: 'nope' } })).status).toBe(400);

		const patched = await api('PATCH', `/docs/${doc.id}`, {
			body: { title: 'Renamed', iconName: 'rocket' },
		});
		expect(patched).toMatchObject({ status: 200, body: {} });
		expect((await api('GET', `/docs/${doc.id}`)).body).toMatchObject({
			name: 'Renamed',
			icon: { name: 'rocket' },
		});

		expect(await api('DELETE', `/docs/${doc.id}`)).toMatchObject({ status: 202, body: {} });
		const gone = await api('GET', `/docs/${doc.id}`);
		expect(gone.status).toBe(404);
		expect(gone.body).toMatchObject({ statusCode: 404, statusMessage: 'Not Found' });
	});
});

describe('pages', () => {
	it('lists pages with parent/children and gets a page by id or name', async () => {
		const list = await api('GET', `/docs/${doc.id}/pages`);
		expect(list.body.items.map((p: { name: string }) => p.name)).toEqual([
			'Overview',
			'Details',
			'Data',
		]);
		const overview = await api('GET', `/docs/${doc.id}/pages/Overview`);
		expect(overview.body).toMatchObject({
			id: doc.pages.Overview,
			type: 'page',
			contentType: 'canvas',
			subtitle: 'Start here',
		});
		expect(overview.body.children).toEqual([
			expect.objectContaining({ id: doc.pages.Details, type: 'page' }),
		]);
		const details = await api('GET', `/docs/${doc.id}/pages/${doc.pages.Details}`);
		expect(details.body.parent).toMatchObject({ id: doc.pages.Overview });
		expect((await api('GET', `/docs/${doc.id}/pages/Missing`)).status).toBe(404);
	});

	it('creates, updates content, deletes content and deletes pages', async () => {
		const created = await api('POST', `/docs/${doc.id}/pages`, {
			body: {
				name: 'Notes',
				parentPageId: doc.pages.Data,
				pageContent: {
					type: 'canvas',
					canvasContent: { format: 'html', content: '<h1>Title</h1><p>Body</p>' },
				},
			},
		});
		expect(created.status).toBe(202);
		expect(created.body).toEqual({ requestId: expect.any(String), id: expect.any(String) });
		const pageId = created.body.id as string;
		const content = await api('GET', `/docs/${doc.id}/pages/${pageId}/content`);
		expect(content.body.items.map((i: { itemContent: unknown }) => i.itemContent)).toEqual([
			{ style: 'h1', format: 'plainText', content: 'Title' },
			{ style: 'paragraph', format: 'plainText', content: 'Body' },
		]);

		const firstId = content.body.items[0].id as string;
		const updated = await api('PUT', `/docs/${doc.id}/pages/${pageId}`, {
			body: {
				name: 'Notes v2',
				isHidden: true,
				contentUpdate: {
					insertionMode: 'append',
					elementId: firstId,
					canvasContent: { format: 'markdown', content: '- inserted' },
				},
			},
		});
		expect(updated).toMatchObject({ status: 202, body: { id: pageId } });
		const page = await api('GET', `/docs/${doc.id}/pages/${pageId}`);
		expect(page.body).toMatchObject({
			name: 'Notes v2',
			isHidden: true,
			isEffectivelyHidden: true,
			parent: { id: doc.pages.Data },
		});
		const after = await api('GET', `/docs/${doc.id}/pages/${pageId}/content`, {
			query: { limit: 2 },
		});
		expect(
			after.body.items.map((i: { itemContent: { content: string } }) => i.itemContent.content),
		).toEqual(['Title', 'inserted']);
		expect(after.body.nextPageToken).toEqual(expect.any(String));

		expect(
			(
				await api('DELETE', `/docs/${doc.id}/pages/${pageId}/content`, {
					body: { elementIds: [firstId] },
				})
			).status,
		).toBe(202);
		expect((await api('GET', `/docs/${doc.id}/pages/${pageId}/content`)).body.items).toHaveLength(
			2,
		);
		expect(
			(
				await api('DELETE', `/docs/${doc.id}/pages/${pageId}/content`, {
					body: { elementIds: ['nope'] },
				})
			).status,
		).toBe(400);
		expect((await api('DELETE', `/docs/${doc.id}/pages/${pageId}/content`)).status).toBe(202);
		expect((await api('GET', `/docs/${doc.id}/pages/${pageId}/content`)).body.items).toEqual([]);

		const deleted = await api('DELETE', `/docs/${doc.id}/pages/${doc.pages.Overview}`);
		expect(deleted).toMatchObject({
			status: 202,
			body: { id: doc.pages.Overview, requestId: expect.any(String) },
		});
		expect((await api('GET', `/docs/${doc.id}/pages/${doc.pages.Details}`)).status).toBe(404);
	});

	it('exports page content and serves the download link itself', async () => {
		fake.setMutationDelay(DELAY_MS);
		const begun = await api('POST', `/docs/${doc.id}/pages/${doc.pages.Overview}/export`, {
			body: { outputFormat: 'markdown' },
		});
		expect(begun.status).toBe(202);
		expect(begun.body).toMatchObject({
			status: 'inProgress',
			href: `${fake.url}/docs/${doc.id}/pages/${doc.pages.Overview}/export/${begun.body.id}`,
		});
		expect((await api('GET', begun.body.href)).body).toMatchObject({ status: 'inProgress' });
		await sleep(DELAY_MS + 30);
		const done = await api('GET', begun.body.href);
		expect(done.body).toMatchObject({
			status: 'complete',
			downloadLink: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
		});
		const file = await fetch(done.body.downloadLink);
		expect(await file.text()).toBe(
			'# Welcome\nThis is the overview.\n- first point\n- second point',
		);

		fake.setMutationDelay(0);
		const html = await api('POST', `/docs/${doc.id}/pages/Details/export`, {
			body: { outputFormat: 'html' },
		});
		const link = (await api('GET', html.body.href)).body.downloadLink as string;
		expect(await (await fetch(link)).text()).toBe('<p>Some details.</p>');
		expect((await api('GET', `/docs/${doc.id}/pages/Details/export/missing`)).status).toBe(404);
	});
});

describe('tables and columns', () => {
	it('lists tables and views, filters by tableTypes and sorts by name', async () => {
		const all = await api('GET', `/docs/${doc.id}/tables`);
		expect(
			all.body.items.map((t: { name: string; tableType: string }) => `${t.name}:${t.tableType}`),
		).toEqual(['Projects:table', 'Tasks:table', 'Open tasks:view']);
		const views = await api('GET', `/docs/${doc.id}/tables`, { query: { tableTypes: 'view' } });
		expect(views.body.items).toEqual([
			expect.objectContaining({
				id: tasks().views['Open tasks'],
				parent: expect.objectContaining({ id: doc.pages.Data }),
			}),
		]);
		const sorted = await api('GET', `/docs/${doc.id}/tables`, {
			query: { sortBy: 'name', limit: 1 },
		});
		expect(sorted.body.items[0].name).toBe('Open tasks');
		expect((await api('GET', sorted.body.nextPageLink)).body.items[0].name).toBe('Projects');
	});

	it('gets a table and a view', async () => {
		const table = await api('GET', `/docs/${doc.id}/tables/${tasks().id}`);
		expect(table.body).toMatchObject({
			id: tasks().id,
			type: 'table',
			tableType: 'table',
			rowCount: 5,
			layout: 'default',
			displayColumn: { id: col('Name') },
		});
		const view = await api('GET', `/docs/${doc.id}/tables/Open%20tasks`);
		expect(view.body).toMatchObject({
			tableType: 'view',
			parentTable: { id: tasks().id },
			rowCount: 5,
		});
		expect((await api('GET', `/docs/${doc.id}/tables/nope`)).status).toBe(404);
	});

	it('lists and gets columns, honouring visibleOnly', async () => {
		const all = await api('GET', `/docs/${doc.id}/tables/${tasks().id}/columns`);
		expect(all.body.items).toHaveLength(12);
		expect(all.body.items[0]).toMatchObject({
			name: 'Name',
			display: true,
			format: { type: 'text', isArray: false },
		});
		const visible = await api('GET', `/docs/${doc.id}/tables/${tasks().id}/columns`, {
			query: { visibleOnly: true },
		});
		expect(visible.body.items.map((c: { name: string }) => c.name)).not.toContain('Score');
		const viewCols = await api(
			'GET',
			`/docs/${doc.id}/tables/${tasks().views['Open tasks']}/columns`,
			{ query: { visibleOnly: true } },
		);
		expect(viewCols.body.items.map((c: { name: string }) => c.name)).not.toContain('Budget');
		const paged = await api('GET', `/docs/${doc.id}/tables/${tasks().id}/columns`, {
			query: { limit: 5 },
		});
		expect(paged.body.items).toHaveLength(5);

		const status = await api('GET', `/docs/${doc.id}/tables/${tasks().id}/columns/Status`);
		expect(status.body).toMatchObject({
			id: col('Status'),
			parent: { id: tasks().id },
			format: {
				type: 'select',
				options: [{ name: 'Open' }, { name: 'In progress' }, { name: 'Done' }],
			},
		});
		const budget = await api(
			'GET',
			`/docs/${doc.id}/tables/${tasks().id}/columns/${col('Budget')}`,
		);
		expect(budget.body.format).toEqual({
			type: 'currency',
			isArray: false,
			currencyCode: 'USD',
			precision: 2,
		});
		expect((await api('GET', `/docs/${doc.id}/tables/${tasks().id}/columns/nope`)).status).toBe(
			404,
		);
	});
});

describe('rows', () => {
	it('lists rows in simple, simpleWithArrays and rich formats', async () => {
		const simple = await api('GET', rowsPath());
		expect(simple.body.items).toHaveLength(5);
		const first = simple.body.items[0];
		expect(first).toMatchObject({
			id: tasks().rowIds[0],
			type: 'row',
			name: 'Task 1',
			index: 0,
			href: `${fake.url}${rowsPath()}/${tasks().rowIds[0]}`,
		});
		expect(first.values[col('Tags')]).toBe('red,blue');
		expect(first.values[col('Complete')]).toBe('Mark done');

		const arrays = await api('GET', rowsPath(), {
			query: { valueFormat: 'simpleWithArrays', useColumnNames: true },
		});
		expect(arrays.body.items[0].values).toMatchObject({
			Name: 'Task 1',
			Tags: ['red', 'blue'],
			Points: 1,
			Done: false,
		});

		const rich = await api('GET', rowsPath(), {
			query: { valueFormat: 'rich', useColumnNames: true },
		});
		expect(rich.body.items[0].values).toMatchObject({
			Name: '```Task 1```',
			Budget: { '@type': 'MonetaryAmount', currency: 'USD', amount: 10.5 },
			Owner: { '@type': 'Person', email: 'ada@example.com' },
			Link: { '@type': 'WebPage', url: 'https://example.com/tasks/1' },
			Project: {
				'@type': 'StructuredValue',
				additionalType: 'row',
				name: 'Apollo',
				tableId: doc.tables.Projects.id,
				rowId: doc.tables.Projects.rowIds[0],
			},
		});
	});

	it('filters with query=<column>:<json>, by id or quoted name', async () => {
		const byId = await api('GET', rowsPath(), { query: { query: `${col('Status')}:"Done"` } });
		expect(byId.body.items.map((r: { name: string }) => r.name)).toEqual(['Task 3']);
		const byName = await api('GET', rowsPath(), { query: { query: '"Points":4' } });
		expect(byName.body.items.map((r: { name: string }) => r.name)).toEqual(['Task 4']);
		const bool = await api('GET', rowsPath(), { query: { query: '"Done":true' } });
		expect(bool.body.items).toHaveLength(1);
		expect((await api('GET', rowsPath(), { query: { query: 'Status:"Done"' } })).status).toBe(400);
		expect(
			(await api('GET', rowsPath(), { query: { query: `${col('Status')}:Done` } })).status,
		).toBe(400);
	});

	it('paginates over several pages with pageToken, keeping the query', async () => {
		fake.reset();
		doc = fake.seedSampleDoc({ rows: 23 });
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const res = await api('GET', rowsPath(), {
				query: token ? { pageToken: token } : { limit: 10, query: '"Done":false' },
			});
			expect(res.status).toBe(200);
			seen.push(...res.body.items.map((r: { id: string }) => r.id));
			token = res.body.nextPageToken;
			pages++;
		} while (token);
		expect(pages).toBe(2);
		expect(seen).toHaveLength(16);
		expect(new Set(seen).size).toBe(16);
		expect((await api('GET', rowsPath(), { query: { pageToken: 'garbage' } })).status).toBe(400);
	});

	it('sorts by updatedAt / natural and honours visibleOnly', async () => {
		fake.seedDoc({
			name: 'Hidden',
			tables: [
				{ name: 'T', columns: [{ name: 'A' }], rows: [{ A: 'x' }, { A: 'y' }], hiddenRows: [0] },
			],
		});
		const hiddenDoc = fake.store.docs.at(-1)?.id as string;
		expect((await api('GET', `/docs/${hiddenDoc}/tables/T/rows`)).body.items).toHaveLength(2);
		expect(
			(await api('GET', `/docs/${hiddenDoc}/tables/T/rows`, { query: { visibleOnly: true } })).body
				.items,
		).toHaveLength(1);
		expect(
			(await api('GET', `/docs/${hiddenDoc}/tables/T/rows`, { query: { sortBy: 'natural' } })).body
				.items,
		).toHaveLength(1);
		expect(
			(
				await api('GET', `/docs/${hiddenDoc}/tables/T/rows`, {
					query: { sortBy: 'natural', visibleOnly: false },
				})
			).status,
		).toBe(400);

		await api('PUT', `${rowsPath()}/${tasks().rowIds[0]}`, {
			body: { row: { cells: [{ column: col('Points'), value: 99 }] } },
		});
		const byUpdate = await api('GET', rowsPath(), { query: { sortBy: 'updatedAt' } });
		expect(byUpdate.body.items.at(-1).id).toBe(tasks().rowIds[0]);
	});

	it('gets a row by id or name', async () => {
		const byId = await api('GET', `${rowsPath()}/${tasks().rowIds[1]}`, {
			query: { useColumnNames: true },
		});
		expect(byId.body).toMatchObject({
			name: 'Task 2',
			parent: { id: tasks().id, type: 'table' },
			values: { Status: 'In progress' },
		});
		expect((await api('GET', `${rowsPath()}/Task%202`)).body.id).toBe(tasks().rowIds[1]);
		expect((await api('GET', `${rowsPath()}/i-nope`)).status).toBe(404);
	});

	it('inserts rows (addedRowIds) and upserts by key column without duplicating', async () => {
		const inserted = await api('POST', rowsPath(), {
			body: {
				rows: [
					{
						cells: [
							{ column: 'Name', value: 'Task 6' },
							{ column: col('Points'), value: '6' },
						],
					},
				],
			},
		});
		expect(inserted.status).toBe(202);
		expect(inserted.body).toEqual({
			requestId: expect.any(String),
			addedRowIds: [expect.any(String)],
		});
		const row = await api('GET', `${rowsPath()}/${inserted.body.addedRowIds[0]}`, {
			query: { useColumnNames: true },
		});
		expect(row.body.values).toMatchObject({ Name: 'Task 6', Points: 6 });

		const upserted = await api('POST', rowsPath(), {
			body: {
				keyColumns: [col('Name')],
				rows: [
					{
						cells: [
							{ column: col('Name'), value: 'Task 2' },
							{ column: col('Status'), value: 'Done' },
						],
					},
					{
						cells: [
							{ column: col('Name'), value: 'Task 7' },
							{ column: col('Status'), value: 'Open' },
						],
					},
				],
			},
		});
		expect(upserted.status).toBe(202);
		expect(upserted.body).toEqual({ requestId: expect.any(String) });
		const rows = await api('GET', rowsPath(), { query: { useColumnNames: true } });
		const names = rows.body.items.map((r: { name: string }) => r.name);
		expect(names).toEqual(['Task 1', 'Task 2', 'Task 3', 'Task 4', 'Task 5', 'Task 6', 'Task 7']);
		expect(rows.body.items[1].values.Status).toBe('Done');
	});

	it('rejects unknown columns (400), views (400) and unknown tables (404)', async () => {
		const res = await api('POST', rowsPath(), {
			body: { rows: [{ cells: [{ column: 'Nope', value: 1 }] }] },
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			statusCode: 400,
			statusMessage: 'Bad Request',
			message: expect.stringContaining("'Nope'"),
		});
		const put = await api('PUT', `${rowsPath()}/${tasks().rowIds[0]}`, {
			body: { row: { cells: [{ column: 'Nope', value: 1 }] } },
		});
		expect(put.status).toBe(400);
		const calc = await api('PUT', `${rowsPath()}/${tasks().rowIds[0]}`, {
			body: { row: { cells: [{ column: 'Score', value: 1 }] } },
		});
		expect(calc.status).toBe(400);
		const view = await api('POST', `/docs/${doc.id}/tables/${tasks().views['Open tasks']}/rows`, {
			body: { rows: [] },
		});
		expect(view.status).toBe(400);
		expect(
			(await api('POST', `/docs/${doc.id}/tables/nope/rows`, { body: { rows: [] } })).status,
		).toBe(404);
	});

	it('updates (PUT), deletes one row and deletes many rows', async () => {
		const [r1, r2, r3] = tasks().rowIds;
		const updated = await api('PUT', `${rowsPath()}/${r1}`, {
			body: { row: { cells: [{ column: 'Status', value: 'Done' }] } },
		});
		expect(updated).toMatchObject({ status: 202, body: { id: r1, requestId: expect.any(String) } });
		expect(
			(await api('GET', `${rowsPath()}/${r1}`, { query: { useColumnNames: true } })).body.values
				.Status,
		).toBe('Done');

		expect(await api('DELETE', `${rowsPath()}/${r1}`)).toMatchObject({
			status: 202,
			body: { id: r1 },
		});
		const many = await api('DELETE', rowsPath(), { body: { rowIds: [r2, r3] } });
		expect(many).toMatchObject({
			status: 202,
			body: { rowIds: [r2, r3], requestId: expect.any(String) },
		});
		expect((await api('GET', rowsPath())).body.items).toHaveLength(2);
		expect((await api('DELETE', `${rowsPath()}/${r1}`)).status).toBe(404);
	});

	it('pushes a button', async () => {
		const [r1] = tasks().rowIds;
		const res = await api('POST', `${rowsPath()}/${r1}/buttons/${col('Complete')}`);
		expect(res).toMatchObject({
			status: 202,
			body: { rowId: r1, columnId: col('Complete'), requestId: expect.any(String) },
		});
		expect(
			(await api('GET', `${rowsPath()}/${r1}`, { query: { useColumnNames: true } })).body.values,
		).toMatchObject({ Status: 'Done', Done: true });
		expect(fake.store.buttonPresses).toEqual([
			{ docId: doc.id, tableId: tasks().id, rowId: r1, columnId: col('Complete') },
		]);
		expect((await api('POST', `${rowsPath()}/${r1}/buttons/${col('Name')}`)).status).toBe(400);
		expect((await api('POST', `${rowsPath()}/${r1}/buttons/nope`)).status).toBe(404);
	});
});

describe('mutation status', () => {
	it('is pending until mutationDelayMs has passed, then completed and visible', async () => {
		fake.setMutationDelay(DELAY_MS);
		const res = await api('PUT', `${rowsPath()}/${tasks().rowIds[0]}`, {
			body: { row: { cells: [{ column: 'Name', value: 'Renamed' }] } },
		});
		const status = () => api('GET', `/mutationStatus/${res.body.requestId}`);
		expect((await status()).body).toEqual({ completed: false });
		expect((await api('GET', `${rowsPath()}/${tasks().rowIds[0]}`)).body.name).toBe('Task 1');
		await sleep(DELAY_MS + 30);
		expect((await status()).body).toEqual({ completed: true });
		expect((await api('GET', `${rowsPath()}/${tasks().rowIds[0]}`)).body.name).toBe('Renamed');
		expect((await api('GET', '/mutationStatus/unknown')).status).toBe(404);
	});
});

describe('formulas and controls', () => {
	it('lists and gets formulas and controls', async () => {
		const formulas = await api('GET', `/docs/${doc.id}/formulas`, { query: { sortBy: 'name' } });
		expect(formulas.body.items).toEqual([
			expect.objectContaining({
				id: doc.formulas.Total,
				type: 'formula',
				name: 'Total',
				parent: expect.objectContaining({ id: doc.pages.Data }),
			}),
		]);
		expect((await api('GET', `/docs/${doc.id}/formulas/Total`)).body).toMatchObject({ value: 42 });
		const controls = await api('GET', `/docs/${doc.id}/controls`);
		expect(controls.body.items).toEqual([
			expect.objectContaining({ id: doc.controls.Threshold, type: 'control' }),
		]);
		expect(
			(await api('GET', `/docs/${doc.id}/controls/${doc.controls.Threshold}`)).body,
		).toMatchObject({ controlType: 'slider', value: 10 });
		expect((await api('GET', `/docs/${doc.id}/formulas/nope`)).status).toBe(404);
		expect((await api('GET', `/docs/${doc.id}/controls/nope`)).status).toBe(404);
	});
});

describe('rate limiting', () => {
	let limited: CodaFake;

	beforeAll(async () => {
		limited = await startCodaFake({
			token: 'limited',
			rateLimits: {
				read: { count: 3, windowMs: WINDOW_MS },
				write: { count: 1, windowMs: WINDOW_MS },
				listDocs: null,
			},
		});
	});

	afterAll(async () => {
		await limited.close();
	});

	afterEach(() => {
		expect(limited.violations).toEqual([]);
	});

	it("defaults to Coda's published limits", () => {
		expect(CODA_RATE_LIMITS).toEqual({
			read: { count: 100, windowMs: 6000 },
			write: { count: 10, windowMs: 6000 },
			writeDocContent: { count: 5, windowMs: 10000 },
			listDocs: { count: 4, windowMs: 6000 },
		});
	});

	it('applies the default limits per class (listing docs: 4, doc content writes: 5)', async () => {
		const strict = await startCodaFake();
		try {
			const seeded = strict.seedSampleDoc();
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) statuses.push((await codaRequest(strict, 'GET', '/docs')).status);
			for (let i = 0; i < 6; i++) {
				statuses.push(
					(
						await codaRequest(strict, 'PUT', `/docs/${seeded.id}/pages/Data`, {
							body: { subtitle: `v${i}` },
						})
					).status,
				);
			}
			expect(statuses).toEqual([200, 200, 200, 200, 429, 202, 202, 202, 202, 202, 429]);
			const blocked = await codaRequest(strict, 'GET', '/docs');
			expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
			expect((await codaRequest(strict, 'GET', `/docs/${seeded.id}`)).status).toBe(200);
			expect(strict.violations).toEqual([]);
		} finally {
			await strict.close();
		}
	});

	it('answers 429 with Retry-After once a class is over its limit, and recovers', async () => {
		limited.reset();
		const seeded = limited.seedSampleDoc();
		const get = () => codaRequest(limited, 'GET', `/docs/${seeded.id}`);
		for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
		const blocked = await get();
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toBe('1');
		expect(blocked.body).toEqual({
			statusCode: 429,
			statusMessage: 'Too Many Requests',
			message: 'Too Many Requests',
		});

		const patch = () =>
			codaRequest(limited, 'PATCH', `/docs/${seeded.id}`, { body: { title: 'x' } });
		expect((await patch()).status).toBe(200);
		expect((await patch()).status).toBe(429);
		expect((await codaRequest(limited, 'GET', '/docs')).status).toBe(200);

		await sleep(WINDOW_MS + 50);
		expect((await get()).status).toBe(200);
		limited.setRateLimit({ read: null });
		for (let i = 0; i < 5; i++) expect((await get()).status).toBe(200);
	});
});

describe('spec validator', () => {
	const validator = codaSpecValidator();

	it('declares every route the fake implements', () => {
		const undeclared = new Router().templates.filter(
			(r) => !validator.findOperation(r.method, r.template),
		);
		expect(undeclared).toEqual([]);
	});

	it('reports a response body missing a required field', () => {
		const errors = validator.validateResponse({ method: 'GET', path: '/apis/v1/docs/abc' }, 200, {
			id: 'abc',
			type: 'doc',
		});
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/getDoc.*must have required property 'href'/);
	});

	it('reports wrong types, unknown properties and bad enum values in responses', () => {
		const mutation = validator.validateResponse({ method: 'GET', path: '/mutationStatus/x' }, 200, {
			completed: 'yes',
			extra: 1,
		});
		expect(mutation[0]).toMatch(/\/completed must be boolean/);
		expect(mutation[0]).toMatch(/must NOT have additional properties "extra"/);
		const page = validator.validateResponse(
			{ method: 'POST', path: '/docs/d/pages/p/export' },
			202,
			{ id: 'e', status: 'x' },
		);
		expect(page[0]).toMatch(/required property 'href'/);
	});

	it('reports undeclared status codes and error bodies of the wrong shape', () => {
		expect(validator.validateResponse({ method: 'GET', path: '/whoami' }, 404, {})[0]).toMatch(
			/status 404 is not declared \(declared: 200, 401, 429\)/,
		);
		expect(
			validator.validateResponse({ method: 'GET', path: '/whoami' }, 401, { error: 'no' })[0],
		).toMatch(/statusCode/);
	});

	it('reports undeclared query parameters and unparsable values', () => {
		const errors = validator.validateRequest({
			method: 'GET',
			path: '/docs/d/tables/t/rows',
			query: 'filter=x&limit=abc&valueFormat=fancy&visibleOnly=1',
		});
		expect(errors).toEqual([
			expect.stringMatching(/query parameter "filter" is not declared/),
			expect.stringMatching(/"limit": "abc" is not an integer/),
			expect.stringMatching(
				/"valueFormat": \(root\) must be equal to one of the allowed values \(simple, simpleWithArrays, rich\)/,
			),
			expect.stringMatching(/"visibleOnly": "1" is not a boolean/),
		]);
		expect(
			validator.validateRequest({
				method: 'GET',
				path: '/docs/d/tables/t/columns',
				query: 'limit=101',
			})[0],
		).toMatch(/must be <= 100/);
		expect(
			validator.validateRequest({ method: 'GET', path: '/docs', query: 'limit=1&limit=2' })[0],
		).toMatch(/given 2 times/);
	});

	it('reports invalid request bodies', () => {
		const upsert = (body: unknown) =>
			validator.validateRequest({
				method: 'POST',
				path: '/docs/d/tables/t/rows',
				body,
				contentType: 'application/json',
			});
		expect(upsert({ rows: [{ cells: [{ column: 'c', value: 1 }] }] })).toEqual([]);
		expect(upsert({ row: [] })[0]).toMatch(/required property 'rows'/);
		expect(upsert({ rows: [{ cells: [{ column: 'c', value: { nested: true } }] }] })[0]).toMatch(
			/\/rows\/0\/cells\/0\/value/,
		);
		expect(validator.validateRequest({ method: 'POST', path: '/docs/d/tables/t/rows' })[0]).toMatch(
			/required request body missing/,
		);
		expect(
			validator.validateRequest({
				method: 'POST',
				path: '/docs/d/tables/t/rows',
				invalidJson: true,
			})[0],
		).toMatch(/not valid JSON/);
		expect(validator.validateRequest({ method: 'GET', path: '/whoami', body: {} })[0]).toMatch(
			/declares no request body/,
		);
		const put = validator.validateRequest({
			method: 'PUT',
			path: '/docs/d/tables/t/rows/r',
			body: { row: { cells: [] } },
			contentType: 'text/plain',
		});
		expect(put).toEqual([expect.stringMatching(/Content-Type is "text\/plain"/)]);
	});

	it('reports undeclared paths and methods', () => {
		expect(
			validator.validateRequest({ method: 'GET', path: '/apis/v1/docs/d/tables/t/views' })[0],
		).toMatch(/no operation declared/);
		expect(validator.validateRequest({ method: 'PATCH', path: '/whoami' })[0]).toMatch(
			/no operation declared/,
		);
		expect(validator.validateResponse({ method: 'POST', path: '/whoami' }, 200, {})[0]).toMatch(
			/no operation declared/,
		);
	});

	it('records drift of live traffic on fake.violations (and still answers)', async () => {
		const res = await api('GET', `/docs/${doc.id}`, { query: { bogus: 1 } });
		expect(res.status).toBe(200);
		const wrongMethod = await api('POST', '/whoami');
		expect(wrongMethod.status).toBe(404);
		expect(fake.violations).toEqual([
			expect.stringMatching(
				/\[request\] GET \/docs\/Doc\d+ \(getDoc\): query parameter "bogus" is not declared/,
			),
			expect.stringMatching(/\[request\] POST \/whoami: no operation declared/),
		]);
		fake.violations.length = 0;
	});

	it('merges closed allOf members instead of rejecting every payload', () => {
		expect(validator.checkSchema('PageCreateResult', { requestId: 'r', id: 'p' }, 'x')).toEqual([]);
		expect(validator.checkSchema('PageCreateResult', { requestId: 'r' }, 'x')[0]).toMatch(
			/required property 'id'/,
		);
		expect(
			validator.checkSchema('PageCreateResult', { requestId: 'r', id: 'p', more: 1 }, 'x')[0],
		).toMatch(/additional properties/);
	});

	it.each(CODA_SPEC_PATCHES.map((p) => [p.id, p]))(
		'patch %s is still needed by the upstream document',
		(id) => {
			expect(id).toBe('table-viewId');
			const table = {
				id: 'grid-1',
				type: 'table',
				tableType: 'table',
				href: 'https://coda.io/apis/v1/docs/d/tables/grid-1',
				browserLink: 'https://coda.io/d/_dd#_tugrid-1',
				name: 'T',
				parent: {
					id: 'canvas-1',
					type: 'page',
					href: 'https://coda.io/apis/v1/docs/d/pages/canvas-1',
					browserLink: 'https://coda.io/d/_dd',
					name: 'P',
				},
				displayColumn: {
					id: 'c-1',
					type: 'column',
					href: 'https://coda.io/apis/v1/docs/d/tables/grid-1/columns/c-1',
				},
				rowCount: 0,
				sorts: [],
				layout: 'default',
				createdAt: '2024-01-01T00:00:00.000Z',
				updatedAt: '2024-01-01T00:00:00.000Z',
			};
			const unpatched = new SpecValidator(loadCodaSpec({ patched: false }));
			expect(unpatched.checkSchema('Table', table, 'x')[0]).toMatch(/required property 'viewId'/);
			expect(unpatched.checkSchema('Table', { ...table, viewId: 'v' }, 'x')[0]).toMatch(
				/additional properties "viewId"/,
			);
			expect(validator.checkSchema('Table', table, 'x')).toEqual([]);
		},
	);
});
