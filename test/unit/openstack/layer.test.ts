import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	microversionHeaders,
	openStackRequest,
	openStackRequestAll,
	openStackSession,
} from '../../../nodes/shared/openstack/request';
import { openStackFault } from '../../../nodes/shared/openstack/faults';
import { parseSession, usableSession } from '../../../nodes/shared/openstack/session';
import { waitForStatus } from '../../../nodes/shared/openstack/wait';
import { credentialStore, openStackContext } from '../../helpers/openstack/context';
import { FakeKeystone, sendJson } from '../../helpers/openstack/fakeKeystone';

async function failure(
	promise: Promise<unknown>,
): Promise<Error & { description?: string | null }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string | null };
	}
	throw new Error('expected a failure');
}

jest.setTimeout(60_000);

const tokenOf = (headers: Record<string, unknown>) => String(headers['x-auth-token']);

describe('the shared OpenStack layer', () => {
	let keystone: FakeKeystone;
	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
	});
	afterAll(async () => await keystone.stop());
	beforeEach(() => {
		keystone.tokenRequests = [];
		keystone.serviceCalls = [];
		keystone.issuedSecondsAgo = 0;
		keystone.lifetimeSeconds = 3600;
		keystone.service = (_call, res) => sendJson(res, 200, { ok: true });
	});

	it('makes one token request for 1,000 requests, and none in the next run with the stored session', async () => {
		const store = credentialStore(keystone.credential());
		const { ctx } = openStackContext(store);
		for (let i = 0; i < 1000; i++)
			await openStackRequest(ctx, { service: 'compute', path: '/servers' });
		expect(keystone.tokenRequests).toHaveLength(1);
		expect(keystone.serviceCalls).toHaveLength(1000);
		expect(store.updates).toBe(1);
		const stored = parseSession(store.data.session);
		expect(stored?.endpoints.compute).toBe(`${keystone.url}/svc/compute/v2.1`);
		expect(new Set(keystone.serviceCalls.map((call) => tokenOf(call.headers)))).toEqual(
			new Set([stored!.token]),
		);

		const next = openStackContext(store);
		await openStackRequest(next.ctx, { service: 'compute', path: '/servers' });
		expect(keystone.tokenRequests).toHaveLength(1);
	});

	it('renews a token shortly before it expires, once', async () => {
		const store = credentialStore(keystone.credential());
		const { ctx } = openStackContext(store);
		keystone.lifetimeSeconds = 60;
		keystone.issuedSecondsAgo = 50; // 10 s left of 60: inside the 15 s margin
		await openStackRequest(ctx, { service: 'compute', path: '/servers' });
		const first = tokenOf(keystone.serviceCalls[0].headers);
		keystone.issuedSecondsAgo = 0;
		for (let i = 0; i < 3; i++)
			await openStackRequest(ctx, { service: 'compute', path: '/servers' });
		expect(keystone.tokenRequests).toHaveLength(2);
		const later = keystone.serviceCalls.slice(1).map((call) => tokenOf(call.headers));
		expect(new Set(later).size).toBe(1);
		expect(later[0]).not.toBe(first);
	});

	it('gets a new token after a 401 and repeats the request once', async () => {
		const store = credentialStore(keystone.credential());
		const { ctx } = openStackContext(store);
		await openStackRequest(ctx, { service: 'compute', path: '/servers' });
		keystone.revokeAll();
		await expect(openStackRequest(ctx, { service: 'compute', path: '/servers' })).resolves.toEqual({
			ok: true,
		});
		expect(keystone.tokenRequests).toHaveLength(2);
		expect(keystone.serviceCalls).toHaveLength(2);
		expect(store.updates).toBe(2);
	});

	it('fetches a new token when the credential settings changed', async () => {
		const store = credentialStore(keystone.credential());
		await openStackRequest(openStackContext(store).ctx, { service: 'compute', path: '/servers' });
		store.data = {
			...store.data,
			applicationCredentialBy: 'name',
			applicationCredentialName: 'foo',
			applicationCredentialUserName: 'admin',
		};
		expect(usableSession(store.data)).toBeUndefined();
		await openStackRequest(openStackContext(store).ctx, { service: 'compute', path: '/servers' });
		expect(keystone.tokenRequests).toHaveLength(2);
	});

	it('fails clearly on a wrong secret, without the secret', async () => {
		const secret = 'completely-wrong-secret-99';
		const store = credentialStore(keystone.credential({ applicationCredentialSecret: secret }));
		const error = await failure(
			openStackRequest(openStackContext(store).ctx, { service: 'compute', path: '/servers' }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Keystone refused the application credential \(HTTP 401\)/);
		expect(`${error.message} ${error.description}`).not.toContain(secret);
		expect(keystone.serviceCalls).toHaveLength(0);
	});

	it('names a region missing from the catalog and a service missing from the region', async () => {
		const wrongRegion = await failure(
			openStackSession(
				openStackContext(credentialStore(keystone.credential({ region: 'dc3-a' }))).ctx,
			),
		);
		expect(wrongRegion.message).toBe(
			`Region "dc3-a" is not in the catalog of ${keystone.authUrl}; its regions: RegionOne`,
		);
		expect(wrongRegion.description).toBe('Check the "Region" of the OpenStack credential');
		const internal = credentialStore(keystone.credential({ interface: 'internal' }));
		const noCompute = await failure(
			openStackRequest(openStackContext(internal).ctx, { service: 'compute', path: '/servers' }),
		);
		expect(noCompute.message).toBe(
			'The catalog has no "compute" service in region "RegionOne" (internal interface)',
		);
		expect(noCompute.description).toMatch(/^Services there: object-store\./);
	});

	it('names an unreachable Keystone, in its own words', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const store = credentialStore(keystone.credential({ authUrl: `http://127.0.0.1:${port}/v3` }));
		const error = await failure(openStackSession(openStackContext(store).ctx));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Could not reach Keystone at http://127.0.0.1:${port}/v3: nothing accepts connections there`,
		);
		expect(error.description).toBe('Check the "Auth URL" of the OpenStack credential');
	});

	it('names an Auth URL that is not Keystone v3', async () => {
		const store = credentialStore(keystone.credential({ authUrl: `${keystone.url}/v2.0` }));
		const error = await failure(openStackSession(openStackContext(store).ctx));
		expect(error.message).toMatch(/is not Keystone v3 \(it ends in \/v2\.0\)/);
		expect(error.description).toBe('Check the "Auth URL" of the OpenStack credential');
		expect(keystone.tokenRequests).toHaveLength(0);
	});

	it('sends microversion headers', async () => {
		expect(microversionHeaders('compute', '2.79')).toEqual({
			'OpenStack-API-Version': 'compute 2.79',
			'X-OpenStack-Nova-API-Version': '2.79',
		});
		expect(microversionHeaders('block-storage', '3.70')).toEqual({
			'OpenStack-API-Version': 'volume 3.70',
		});
		const store = credentialStore(keystone.credential());
		await openStackRequest(openStackContext(store).ctx, {
			service: 'compute',
			path: '/servers',
			microversion: '2.79',
		});
		expect(keystone.serviceCalls[0].headers['openstack-api-version']).toBe('compute 2.79');
	});

	describe('marker/limit paging', () => {
		const servers = Array.from({ length: 25 }, (_, i) => ({
			id: `s${String(i).padStart(2, '0')}`,
		}));
		beforeEach(() => {
			keystone.service = (call, res) => {
				const limit = Number(call.query.get('limit'));
				const marker = call.query.get('marker');
				const start = marker ? servers.findIndex((server) => server.id === marker) + 1 : 0;
				const page = servers.slice(start, start + limit);
				const more = start + limit < servers.length;
				if (call.path.endsWith('/linked')) {
					sendJson(res, 200, {
						servers: page,
						...(more ? { servers_links: [{ rel: 'next', href: 'http://x/servers?marker=' }] } : {}),
					});
				} else {
					sendJson(res, 200, page);
				}
			};
		});

		it('follows next links until the last page (Return All)', async () => {
			const { ctx } = openStackContext(credentialStore(keystone.credential()));
			const all = await openStackRequestAll(
				ctx,
				{ service: 'compute', path: '/linked' },
				{ itemsKey: 'servers', pageSize: 10 },
			);
			expect(all).toEqual(servers);
			expect(keystone.serviceCalls.map((call) => call.query.get('marker'))).toEqual([
				null,
				's09',
				's19',
			]);
		});

		it('stops at the limit without fetching further pages', async () => {
			const { ctx } = openStackContext(credentialStore(keystone.credential()));
			const some = await openStackRequestAll(
				ctx,
				{ service: 'compute', path: '/linked' },
				{ itemsKey: 'servers', limit: 12, pageSize: 10 },
			);
			expect(some).toEqual(servers.slice(0, 12));
			expect(keystone.serviceCalls).toHaveLength(2);
			expect(keystone.serviceCalls[0].query.get('limit')).toBe('10');
		});

		it('pages a bare array by length (Swift listings)', async () => {
			const { ctx } = openStackContext(credentialStore(keystone.credential()));
			const all = await openStackRequestAll(
				ctx,
				{ service: 'compute', path: '/bare' },
				{ pageSize: 5 },
			);
			expect(all).toHaveLength(25);
			expect(keystone.serviceCalls).toHaveLength(6); // 5 full pages, then an empty one
		});
	});

	it.each([
		[
			404,
			{ itemNotFound: { code: 404, message: 'Instance abc could not be found.' } },
			'compute',
			'OpenStack Compute (Nova) returned HTTP 404: Instance abc could not be found.',
		],
		[
			409,
			{ NeutronError: { type: 'InUse', message: 'Network n1 is in use.', detail: '' } },
			'network',
			'OpenStack Network (Neutron) returned HTTP 409: Network n1 is in use.',
		],
		[
			403,
			{ error: { code: 403, message: 'You are not authorized.', title: 'Forbidden' } },
			'identity',
			'OpenStack Identity (Keystone) returned HTTP 403: You are not authorized.',
		],
		[
			413,
			{
				overLimit: {
					code: 413,
					message: 'VolumeLimitExceeded: Maximum number of volumes allowed (20) exceeded',
					retryAfter: '0',
				},
			},
			'block-storage',
			'OpenStack Block Storage (Cinder) returned HTTP 413: VolumeLimitExceeded: Maximum number of volumes allowed (20) exceeded',
		],
	])('turns an HTTP %i fault body into its message', async (status, body, service, message) => {
		keystone.service = (_call, res) => sendJson(res, status, body);
		const { ctx } = openStackContext(credentialStore(keystone.credential()));
		const error = await failure(
			openStackRequest(ctx, { service, path: service === 'identity' ? '/../../svc/x' : '/x' }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(message);
	});

	it('reads every fault shape', () => {
		expect(
			openStackFault('<html><h1>Not Found</h1><p>The resource could not be found.</p></html>'),
		).toBe('Not Found: The resource could not be found.');
		expect(
			openStackFault({ code: 404, type: 'zone_not_found', message: 'Could not find Zone' }),
		).toBe('Could not find Zone');
		expect(
			openStackFault({
				explanation: 'x',
				error: { message: 'The Stack (s) could not be found.', type: 'EntityNotFound' },
			}),
		).toBe('The Stack (s) could not be found.');
		expect(
			openStackFault({ faultcode: 'Client', faultstring: 'Load Balancer lb not found.' }),
		).toBe('Load Balancer lb not found.');
		expect(
			openStackFault({
				errors: [{ status: 404, title: 'Not Found', detail: 'No resource provider' }],
			}),
		).toBe('No resource provider');
		expect(openStackFault('Container not found')).toBe('Container not found');
		expect(openStackFault(undefined)).toBeUndefined();
	});
});

describe('wait until status', () => {
	const node = {
		id: '1',
		name: 'OpenStack',
		type: 'x',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	function clock() {
		let now = 0;
		const waits: number[] = [];
		return {
			waits,
			now: () => now,
			sleep: async (ms: number) => void (waits.push(ms), (now += ms)),
		};
	}

	it('polls until the status is reached, slowing down', async () => {
		const statuses = ['BUILD', 'BUILD', 'BUILD', 'ACTIVE'];
		const time = clock();
		const result = await waitForStatus({
			node,
			poll: async () => ({ status: statuses.shift() }),
			status: (server) => server.status,
			until: ['active'],
			failOn: ['ERROR'],
			timeoutSeconds: 60,
			describe: 'server "web"',
			...time,
		});
		expect(result).toMatchObject({ status: 'ACTIVE', polls: 4 });
		expect(time.waits).toEqual([1000, 1500, 2250]);
	});

	it("fails at once on a failure status, with the resource's fault", async () => {
		const error = await failure(
			waitForStatus({
				node,
				poll: async () => ({ status: 'ERROR', fault: { message: 'No valid host was found.' } }),
				status: (server) => server.status,
				until: ['ACTIVE'],
				failOn: ['ERROR'],
				failureDetail: (server) => server.fault.message,
				timeoutSeconds: 60,
				describe: 'server "web"',
				...clock(),
			}),
		);
		expect(error.message).toBe('The server "web" went to status ERROR: No valid host was found.');
	});

	it('reads a failed resource again when its fault comes a moment after its status', async () => {
		const faults = [undefined, undefined, { message: 'No valid host was found.' }];
		const time = clock();
		const error = await failure(
			waitForStatus({
				node,
				poll: async () => ({ status: 'ERROR', fault: faults.shift() }),
				status: (server) => server.status,
				until: ['ACTIVE'],
				failOn: ['ERROR'],
				failureDetail: (server) => server.fault?.message,
				timeoutSeconds: 60,
				describe: 'server "web"',
				...time,
			}),
		);
		expect(error.message).toBe('The server "web" went to status ERROR: No valid host was found.');
		expect(time.waits).toEqual([1000, 1000]);
	});

	it('reports a failure without a fault after three more reads', async () => {
		let polls = 0;
		const time = clock();
		const error = await failure(
			waitForStatus({
				node,
				poll: async () => (
					polls++,
					{ status: 'ERROR' as string, fault: undefined as { message: string } | undefined }
				),
				status: (server) => server.status,
				failOn: ['ERROR'],
				failureDetail: (server) => server.fault?.message,
				timeoutSeconds: 60,
				describe: 'server "web"',
				...time,
			}),
		);
		expect(error.message).toBe('The server "web" went to status ERROR');
		expect(polls).toBe(4);
	});

	it('gives up after the timeout, saying what it saw last', async () => {
		const time = clock();
		const error = await failure(
			waitForStatus({
				node,
				poll: async () => ({ status: 'extending' }),
				status: (volume) => volume.status,
				until: ['available'],
				timeoutSeconds: 10,
				describe: 'volume "v1"',
				...time,
			}),
		);
		expect(error.message).toBe(
			'Timed out after 10 s waiting for the volume "v1" to reach available (status now: extending)',
		);
		expect(time.now()).toBe(10_000);
	});

	it('waits until a deleted resource answers 404', async () => {
		let polls = 0;
		const result = await waitForStatus({
			node,
			poll: async () => {
				if (++polls < 3) return { status: 'DELETING' };
				throw Object.assign(new Error('gone'), { httpCode: '404' });
			},
			status: (resource: { status: string }) => resource.status,
			untilGone: true,
			timeoutSeconds: 60,
			describe: 'stack "s"',
			...clock(),
		});
		expect(result).toMatchObject({ gone: true, polls: 3 });
	});
});
