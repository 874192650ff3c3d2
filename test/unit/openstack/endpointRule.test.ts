import { OpenStackCompute } from '../../../nodes/OpenStackCompute/OpenStackCompute.node';
import { OpenStackObjectStorage } from '../../../nodes/OpenStackObjectStorage/OpenStackObjectStorage.node';
import { openStackRequest } from '../../../nodes/shared/openstack/request';
import { credentialStore, openStackContext, runNode } from '../../helpers/openstack/context';
import { sendJson, useFakeKeystone, type FakeKeystone } from '../../helpers/openstack/fakeKeystone';

jest.setTimeout(60_000);

/**
 * Every endpoint taken from the token's catalog follows the endpoint rule: the token goes over
 * https://, or plain http:// to this machine only, and never to user:password@. The refusal
 * comes before any request to that endpoint; the other services of the catalog still work.
 */
describe("the endpoint rule for the catalog's endpoints", () => {
	let keystone: FakeKeystone;
	useFakeKeystone((started) => {
		keystone = started;
		keystone.tokenRequests = [];
		keystone.serviceCalls = [];
		keystone.endpointUrls = {};
		keystone.service = (_call, res) => sendJson(res, 200, { servers: [], volumes: [] });
	});

	async function failure(promise: Promise<unknown>) {
		try {
			await promise;
		} catch (error) {
			return error as Error & { description?: string | null };
		}
		throw new Error('expected a failure');
	}

	it('a plain http:// endpoint on another machine: refused naming it, nothing sent to it', async () => {
		keystone.endpointUrls = { compute: 'http://nova.example.com:8774/v2.1' };
		const { ctx } = openStackContext(credentialStore(keystone.credential()));
		const error = await failure(openStackRequest(ctx, { service: 'compute', path: '/servers' }));
		expect(error.message).toBe(
			'The catalog\'s "compute" endpoint must use https://: plain http:// would send the credential\'s secret in clear text to nova.example.com (http:// is allowed only for a server on this machine, such as 127.0.0.1 or localhost)',
		);
		expect(error.description).toMatch(/Check the "Interface" of the OpenStack credential/);
		// the token was obtained from the (local) Keystone, then nothing went out
		expect(keystone.tokenRequests).toHaveLength(1);
		expect(keystone.serviceCalls).toEqual([]);
		// the other services of the same catalog are still used
		await openStackRequest(ctx, { service: 'block-storage', path: '/volumes' });
		expect(keystone.serviceCalls.map((call) => call.path)).toEqual([
			expect.stringMatching(/\/volumes$/),
		]);
	});

	it('an endpoint with user:password@: refused without repeating it', async () => {
		keystone.endpointUrls = { compute: 'https://nova:pw-0815@nova.example.com/v2.1' };
		const { ctx } = openStackContext(credentialStore(keystone.credential()));
		const error = await failure(openStackRequest(ctx, { service: 'compute', path: '/servers' }));
		expect(error.message).toMatch(
			/^The catalog's "compute" endpoint must not contain a user name or password/,
		);
		expect(JSON.stringify(error)).not.toContain('pw-0815');
		expect(keystone.serviceCalls).toEqual([]);
	});

	it('https:// and loopback endpoints are used as they are', async () => {
		keystone.endpointUrls = { compute: `${keystone.url}/svc/compute/v2.1` };
		const { ctx } = openStackContext(credentialStore(keystone.credential()));
		await openStackRequest(ctx, { service: 'compute', path: '/servers' });
		expect(keystone.serviceCalls).toHaveLength(1);
	});

	it('a node: one error item per input item with Continue On Fail, naming the endpoint', async () => {
		keystone.endpointUrls = { compute: 'http://nova.example.com:8774/v2.1' };
		const store = credentialStore(keystone.credential());
		const { json, output } = await runNode(new OpenStackCompute(), store, {
			params: { resource: 'server', operation: 'list', returnAll: true },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(json).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/^The catalog's "compute" endpoint/),
			}),
			expect.objectContaining({
				error: expect.stringMatching(/^The catalog's "compute" endpoint/),
			}),
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(keystone.serviceCalls).toEqual([]);
	});

	it('Swift: the storage URL of the catalog follows the same rule', async () => {
		keystone.endpointUrls = { 'object-store': 'http://swift.example.com/v1/AUTH_x' };
		const store = credentialStore(keystone.credential());
		const { json } = await runNode(new OpenStackObjectStorage(), store, {
			params: { resource: 'container', operation: 'list', returnAll: true },
			continueOnFail: true,
		});
		expect(json).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/^The catalog's "object-store" endpoint must use https:\/\//),
			}),
		]);
		expect(keystone.serviceCalls).toEqual([]);
	});
});
