/**
 * The endpoint rule on the real Keystone 22 of test/servers/openstack: Keystone receives the
 * password or the application credential's secret, so an Auth URL with user:password@, or plain
 * http:// to another machine, is refused before anything is sent (a counting proxy in front of
 * Keystone sees no request), while http:// to this machine works, and the token then goes only
 * to the catalog's endpoints on this machine.
 */
import { OpenStackIdentity } from '../../nodes/OpenStackIdentity/OpenStackIdentity.node';
import { CloudPackOpenStackApi } from '../../credentials/CloudPackOpenStackApi.credentials';
import { parseSession } from '../../nodes/shared/openstack/session';
import { CountingProxy } from '../helpers/openstack/countingProxy';
import { credentialStore, runNode, runNodeFailing } from '../helpers/openstack/context';
import { httpRequest } from '../helpers/openstack/n8nCredentials';
import { openStackServers, passwordCredential } from '../helpers/openstack/servers';

jest.setTimeout(120_000);

const node = new OpenStackIdentity();
const current = { resource: 'user', operation: 'getCurrent' };

describe('the endpoint rule of the OpenStack credential on Keystone 22', () => {
	const servers = openStackServers();
	const secret = servers.member.password;
	let proxy: CountingProxy;

	beforeAll(async () => {
		proxy = await new CountingProxy(servers.authUrl.replace(/\/v3$/, '')).start();
	});
	afterAll(async () => await proxy.stop());
	beforeEach(() => proxy.counts.clear());

	const sent = () => [...proxy.counts.values()].reduce((sum, count) => sum + count, 0);

	it('http:// to this machine: a token, and every catalog endpoint it is sent to is local', async () => {
		const store = credentialStore(passwordCredential('member', { authUrl: `${proxy.url}/v3` }));
		const { json } = await runNode(node, store, { params: current });
		expect(json[0]).toMatchObject({ user: { name: servers.member.username } });
		expect(proxy.count('POST /v3/auth/tokens')).toBe(1);
		const session = parseSession(store.data.session)!;
		for (const url of Object.values(session.endpoints))
			expect(new URL(url).hostname).toBe('127.0.0.1');
	});

	it('user:password@ in the Auth URL: refused naming it, nothing sent to Keystone', async () => {
		const authUrl = `${proxy.url.replace('http://', 'http://admin:pw-0815@')}/v3`;
		const error = await runNodeFailing(
			node,
			credentialStore(passwordCredential('member', { authUrl })),
			{
				params: current,
			},
		);
		expect(error.message).toMatch(
			/^The "Auth URL" of the OpenStack credential must not contain a user name or password/,
		);
		expect(error.description).toBe('Check the "Auth URL" of the OpenStack credential');
		expect(JSON.stringify(error)).not.toContain('pw-0815');
		expect(JSON.stringify(error)).not.toContain(secret);
		expect(sent()).toBe(0);
	});

	it('plain http:// to another machine: refused, also by the credential test (its preAuthentication)', async () => {
		const authUrl = 'http://keystone.cloudpack.example:15000/v3';
		const error = await runNodeFailing(
			node,
			credentialStore(passwordCredential('member', { authUrl })),
			{
				params: current,
			},
		);
		expect(error.message).toMatch(
			/^The "Auth URL" of the OpenStack credential must use https:\/\/: plain http:\/\/ would send the credential's secret in clear text to keystone\.cloudpack\.example/,
		);
		const login = new CloudPackOpenStackApi().preAuthentication.call(
			{ helpers: { httpRequest } } as never,
			passwordCredential('member', { authUrl }),
		);
		await expect(login).rejects.toThrow(/must use https:\/\//);
		expect(sent()).toBe(0);
	});
});
