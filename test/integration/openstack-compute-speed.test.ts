/**
 * Speed of "Get Many" servers with Return All on the local Nova: 2,000 servers made directly (not
 * through n8n) by Nova's multi-create, then listed by the Compute node. Counted, not timed: the
 * node must make at most ceil(2000 / page size) + 1 requests to Nova and one token request for
 * the whole run (none per item or per page); with the token already stored, none at all.
 *
 * The servers are made from a private flavor no host can take (a 10 PB disk), so Nova's scheduler
 * files them in ERROR (cell0) at once instead of building 2,000 fake guests on the shared machine.
 * Even so Nova makes and deletes them at about 2 a second here (25 minutes for the pair), so
 * Nova makes 100 through its API and the other 1,900 are copies of their rows in Nova's database
 * (test/helpers/openstack/novaDatabase.ts); the node lists all of them through Nova's API, which
 * cannot tell them apart. They are retired in the database afterwards, as Nova's soft delete does.
 */
import { OpenStackCompute } from '../../nodes/OpenStackCompute/OpenStackCompute.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/openstack/resources/list';
import { credentialStore, runNode } from '../helpers/openstack/context';
import { adminCall, endpoint, eventually, memberRun } from '../helpers/openstack/infra';
import { copyCell0Servers, retireCell0Servers } from '../helpers/openstack/novaDatabase';
import { memberAppCredential, openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(60 * 60_000);

const COUNT = 2000;
/** Made by Nova through its API; the rest are copies of these in Nova's database. */
const MADE_BY_NOVA = 100;
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
	await direct.api('compute', {
		method: 'POST',
		path: '/servers',
		body: {
			server: {
				name: `${RUN}-n`,
				flavorRef: flavor.id,
				imageRef: cloud.image.id,
				networks: 'none',
				min_count: MADE_BY_NOVA,
				max_count: MADE_BY_NOVA,
				return_reservation_id: true,
			},
		},
		timeout: 20 * 60_000,
	});
	await eventually(
		`${MADE_BY_NOVA} servers filed by the scheduler`,
		async () => (await ourServers('ERROR')).length === MADE_BY_NOVA,
		20 * 60_000,
	);
	const copied = copyCell0Servers(RUN, COUNT / MADE_BY_NOVA - 1);
	expect(copied).toBe(COUNT - MADE_BY_NOVA);
	expect(await ourServers('ERROR')).toHaveLength(COUNT);
	console.log(
		`[compute speed] ${COUNT} servers made in ${Math.round((Date.now() - started) / 1000)} s`,
	);
});

afterAll(async () => {
	const started = Date.now();
	const retired = retireCell0Servers(RUN);
	await eventually(
		'the servers to be gone from the API',
		async () => (await ourServers()).length === 0,
		5 * 60_000,
	);
	if (flavorId) await adminCall('DELETE', `${nova}/flavors/${flavorId}`);
	console.log(
		`[compute speed] ${retired} servers retired in ${Math.round((Date.now() - started) / 1000)} s`,
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
