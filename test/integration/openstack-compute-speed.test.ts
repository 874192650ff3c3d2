/**
 * Speed of "Get Many" servers with Return All on the local Nova: 2,000 servers made directly (not
 * through n8n) by Nova's multi-create, then listed by the Compute node. Counted, not timed: the
 * node must make at most ceil(2000 / page size) + 1 requests to Nova and one token request for
 * the whole run (none per item or per page); with the token already stored, none at all.
 *
 * The servers are made from a private flavor no host can take (a 10 PB disk), so Nova's scheduler
 * files them in ERROR at once instead of building 2,000 fake guests on the shared machine; they
 * are real Nova servers all the same, listed by the same API. All are deleted afterwards.
 */
import { OpenStackCompute } from '../../nodes/OpenStackCompute/OpenStackCompute.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/openstack/resources/list';
import { credentialStore, runNode } from '../helpers/openstack/context';
import { adminCall, endpoint, eventually, memberRun } from '../helpers/openstack/infra';
import { memberAppCredential, openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(60 * 60_000);

const COUNT = 2000;
const BATCH = 500;
const cloud = openStackServers() as ReturnType<typeof openStackServers> & {
	image: { name: string; id: string };
};
const direct = memberRun(new OpenStackCompute());
const node = new OpenStackCompute();
const RUN = unique('it-speed');
const nova = endpoint('compute');
let flavorId: string | undefined;

/** Our servers' IDs, read page by page with Nova's own links (not through the node). */
async function ourServers(status?: string): Promise<string[]> {
	const ids: string[] = [];
	let marker: string | undefined;
	for (;;) {
		const { servers } = await direct.api<{ servers: Array<{ id: string }> }>('compute', {
			path: '/servers',
			qs: {
				name: `^${RUN}-`,
				limit: 1000,
				...(status ? { status } : {}),
				...(marker ? { marker } : {}),
			},
		});
		ids.push(...servers.map((server) => server.id));
		if (servers.length < 1000) return ids;
		marker = servers[servers.length - 1].id;
	}
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<unknown>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) await run(items[next++]);
		}),
	);
}

beforeAll(async () => {
	const started = Date.now();
	const { flavor } = await adminCall('POST', `${nova}/flavors`, {
		flavor: {
			name: `${RUN}-flavor`,
			vcpus: 1,
			ram: 64,
			disk: 10_000_000,
			'os-flavor-access:is_public': false,
		},
	});
	flavorId = flavor.id;
	await adminCall('POST', `${nova}/flavors/${flavor.id}/action`, {
		addTenantAccess: { tenant: cloud.member.projectId },
	});
	for (let made = 0; made < COUNT; made += BATCH) {
		await direct.api('compute', {
			method: 'POST',
			path: '/servers',
			body: {
				server: {
					name: `${RUN}-b${made / BATCH}`,
					flavorRef: flavor.id,
					imageRef: cloud.image.id,
					networks: 'none',
					min_count: BATCH,
					max_count: BATCH,
					return_reservation_id: true,
				},
			},
			timeout: 20 * 60_000,
		});
	}
	await eventually(
		`${COUNT} servers filed by the scheduler`,
		async () => (await ourServers('ERROR')).length === COUNT,
		30 * 60_000,
	);
	console.log(
		`[compute speed] ${COUNT} servers made in ${Math.round((Date.now() - started) / 1000)} s`,
	);
});

afterAll(async () => {
	const started = Date.now();
	const ids = await ourServers();
	await inParallel(ids, 16, async (id) =>
		direct.api('compute', { method: 'DELETE', path: `/servers/${id}` }).catch(() => undefined),
	);
	await eventually(
		'the servers to be gone',
		async () => (await ourServers()).length === 0,
		20 * 60_000,
	);
	if (flavorId) await adminCall('DELETE', `${nova}/flavors/${flavorId}`);
	console.log(
		`[compute speed] ${ids.length} servers deleted in ${Math.round((Date.now() - started) / 1000)} s`,
	);
});

describe('OpenStack Compute node: Get Many servers with Return All over 2,000 servers', () => {
	it('makes at most ceil(2000 / page size) + 1 requests to Nova and one token request, none with a stored token', async () => {
		const store = credentialStore(memberAppCredential());
		const params = {
			resource: 'server',
			operation: 'list',
			returnAll: true,
			filters: { name: `^${RUN}-` },
		};
		const started = Date.now();
		const { json } = await runNode(node, store, { params });
		const elapsed = Date.now() - started;
		expect(json).toHaveLength(COUNT);
		expect(new Set(json.map((server) => server.id)).size).toBe(COUNT);
		expect(json.every((server) => server.status === 'ERROR')).toBe(true);

		const toNova = store.sent.filter((request) => String(request.url).startsWith(nova));
		const maxRequests = Math.ceil(COUNT / LIST_PAGE_SIZE) + 1;
		expect(toNova.length).toBeLessThanOrEqual(maxRequests);
		expect(toNova.every((request) => String(request.url).endsWith('/servers/detail'))).toBe(true);
		expect(toNova.map((request) => request.qs?.limit)).toEqual(toNova.map(() => LIST_PAGE_SIZE));
		// One token for the run: n8n's preAuthentication ran once (POST /v3/auth/tokens).
		expect(store.updates).toBe(1);
		const others = store.sent.filter((request) => !String(request.url).startsWith(nova));
		// The shared layer asks for the token by one GET /auth/catalog through n8n (which runs
		// preAuthentication first); nothing else goes to Keystone.
		expect(others.map((request) => String(request.url).replace(cloud.authUrl, ''))).toEqual([
			'/auth/catalog',
		]);

		// A second run with the token n8n stored: only the pages.
		store.sent.length = 0;
		const again = await runNode(node, store, { params });
		expect(again.json).toHaveLength(COUNT);
		expect(store.updates).toBe(1);
		expect(store.sent.length).toBeLessThanOrEqual(maxRequests);
		console.log(
			`[compute speed] ${COUNT} servers listed: ${toNova.length} requests to Nova (limit ${maxRequests}), ${store.updates} token request, ${elapsed} ms; with the stored token: ${store.sent.length} requests in all`,
		);
	});
});
