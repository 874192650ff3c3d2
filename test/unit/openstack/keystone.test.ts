import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { keystoneV3Url } from '../../../nodes/shared/openstack/cloud';
import {
	OpenStackAuthError,
	OpenStackConfigError,
} from '../../../nodes/shared/openstack/credentialErrors';
import { requestSession, tokenRequestBody } from '../../../nodes/shared/openstack/keystone';
import { FakeKeystone, sampleTokenBody } from '../../helpers/openstack/fakeKeystone';
import { httpRequest } from '../../helpers/openstack/n8nCredentials';

const noWait = { sleep: async () => undefined };

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

describe('Keystone token for the credential', () => {
	let keystone: FakeKeystone;
	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
	});
	afterAll(async () => await keystone.stop());
	beforeEach(() => {
		keystone.tokenRequests = [];
		keystone.nextTokenAnswers = [];
	});

	it('builds the three request bodies Keystone takes', () => {
		expect(tokenRequestBody(keystone.credential())).toEqual({
			auth: {
				identity: {
					methods: ['application_credential'],
					application_credential: {
						id: keystone.appCredential.id,
						secret: keystone.appCredential.secret,
					},
				},
			},
		});
		expect(
			tokenRequestBody(
				keystone.credential({
					applicationCredentialBy: 'name',
					applicationCredentialName: 'foo',
					applicationCredentialUserName: 'admin',
				}),
			),
		).toEqual({
			auth: {
				identity: {
					methods: ['application_credential'],
					application_credential: {
						name: 'foo',
						user: { name: 'admin', domain: { name: 'Default' } },
						secret: keystone.appCredential.secret,
					},
				},
			},
		});
		expect(
			tokenRequestBody({
				authentication: 'password',
				userName: 'PCU-1',
				password: 'pw',
				projectBy: 'id',
				projectId: 'p1',
			}),
		).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: { user: { name: 'PCU-1', domain: { name: 'Default' }, password: 'pw' } },
				},
				scope: { project: { id: 'p1' } },
			},
		});
	});

	it('turns the sample token answer into a session: endpoints of the region and interface, user, project, expiry', async () => {
		const session = await requestSession(httpRequest, keystone.credential(), noWait);
		const sample = sampleTokenBody().token as unknown as {
			project: { id: string };
			user: { id: string };
		};
		expect(session.token).toMatch(/^gAAAAA/);
		expect(session.project.id).toBe(sample.project.id);
		expect(session.user.id).toBe(sample.user.id);
		expect(session.roles).toEqual(['member', 'admin', 'reader']);
		expect(session.endpoints.compute).toBe(`${keystone.url}/svc/compute/v2.1`);
		expect(session.endpoints.network).toBe(`${keystone.url}/svc/networking`);
		expect(session.endpoints['object-store']).toBe(
			`${keystone.url}/svc/swift/v1/AUTH_${keystone.project.id}`,
		);
		expect(session.applicationCredential).toEqual({
			id: keystone.appCredential.id,
			name: 'foo',
			restricted: true,
		});
		expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
		const internal = await requestSession(
			httpRequest,
			keystone.credential({ interface: 'internal' }),
			noWait,
		);
		expect(internal.endpoints).toEqual({
			'object-store': `${keystone.url}/svc/swift-internal/v1/AUTH_${keystone.project.id}`,
		});
	});

	it('authenticates by application credential name and user, and by password', async () => {
		await expect(
			requestSession(
				httpRequest,
				keystone.credential({
					applicationCredentialBy: 'name',
					applicationCredentialName: 'foo',
					applicationCredentialUserName: 'admin',
				}),
				noWait,
			),
		).resolves.toMatchObject({ project: { id: keystone.project.id } });
		await expect(
			requestSession(
				httpRequest,
				keystone.credential({
					authentication: 'password',
					userName: 'admin',
					password: keystone.user.password,
					projectName: 'admin',
				}),
				noWait,
			),
		).resolves.toMatchObject({ methods: ['password'] });
	});

	it('names a wrong secret without showing it', async () => {
		const error = await failure(
			requestSession(
				httpRequest,
				keystone.credential({ applicationCredentialSecret: 'wrong-secret-123456' }),
				noWait,
			),
		);
		expect(error).toBeInstanceOf(OpenStackAuthError);
		expect(error.message).toMatch(
			/^Keystone refused the application credential \(HTTP 401\): check its ID and secret/,
		);
		expect(error.message).not.toContain('wrong-secret-123456');
		expect(error.message).not.toContain(keystone.appCredential.secret);
	});

	it('tells a wrong password from a project the user has no role on (no project scope)', async () => {
		const password = {
			authentication: 'password',
			userName: 'admin',
			password: keystone.user.password,
		};
		const noScope = await failure(
			requestSession(
				httpRequest,
				keystone.credential({ ...password, projectName: 'not-mine' }),
				noWait,
			),
		);
		expect(noScope.message).toMatch(
			/^No project scope: the user name and password are right.*"not-mine" in domain "Default"/,
		);
		const wrong = await failure(
			requestSession(
				httpRequest,
				keystone.credential({ ...password, password: 'nope-nope-1', projectName: 'admin' }),
				noWait,
			),
		);
		expect(wrong.message).toMatch(/^Keystone refused the user name or password \(HTTP 401\)/);
		expect(wrong.message).not.toContain('nope-nope-1');
	});

	it('names a region that is not in the catalog, with the regions that are', async () => {
		const error = await failure(
			requestSession(httpRequest, keystone.credential({ region: 'dc9-z' }), noWait),
		);
		expect(error.message).toBe(
			`Region "dc9-z" is not in the catalog of ${keystone.authUrl}; its regions: RegionOne`,
		);
		expect((error as OpenStackAuthError).field).toBe('region');
	});

	it('says when a URL answers but is not Keystone v3, and when nothing answers', async () => {
		const website = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html><title>Welcome</title></html>');
		});
		await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
		const site = `http://127.0.0.1:${(website.address() as AddressInfo).port}/v3`;
		const notKeystone = await failure(
			requestSession(httpRequest, keystone.credential({ authUrl: site }), noWait),
		);
		website.close();
		expect(notKeystone.message).toBe(
			`The Auth URL ${site} is not a Keystone v3 endpoint: its answer to POST /auth/tokens (HTTP 200) has no token`,
		);
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const unreachable = await failure(
			requestSession(
				httpRequest,
				keystone.credential({ authUrl: `http://127.0.0.1:${port}/v3` }),
				noWait,
			),
		);
		expect(unreachable.message).toBe(
			`Could not reach Keystone at http://127.0.0.1:${port}/v3: nothing accepts connections there`,
		);
	});

	it("tells an unknown application credential (Keystone's 404) from a URL that is not Keystone (any other 4xx)", async () => {
		keystone.nextTokenAnswers = [
			{
				status: 404,
				body: {
					error: {
						code: 404,
						message: 'Could not find Application Credential: x.',
						title: 'Not Found',
					},
				},
			},
		];
		const unknown = await failure(requestSession(httpRequest, keystone.credential(), noWait));
		expect(unknown.message).toBe(
			'Keystone does not know the application credential (HTTP 404): check its ID (a deleted application credential is gone for good). Keystone says: "Could not find Application Credential: x."',
		);
		expect((unknown as OpenStackAuthError).field).toBe('applicationCredentialId');
		keystone.nextTokenAnswers = [{ status: 404, body: 'Not Found' }];
		const missing = await failure(requestSession(httpRequest, keystone.credential(), noWait));
		expect(missing.message).toBe(
			`The Auth URL ${keystone.authUrl} is not a Keystone v3 endpoint: POST ${keystone.authUrl}/auth/tokens answered HTTP 404`,
		);
		keystone.nextTokenAnswers = [{ status: 400, body: '<html><h1>Bad Request</h1></html>' }];
		const other = await failure(requestSession(httpRequest, keystone.credential(), noWait));
		expect(other.message).toBe(
			`The Auth URL ${keystone.authUrl} is not a Keystone v3 endpoint: POST ${keystone.authUrl}/auth/tokens answered HTTP 400, not as Keystone does`,
		);
		expect((other as OpenStackAuthError).field).toBe('authUrl');
	});

	it('retries a token request Keystone answered 503, then succeeds', async () => {
		keystone.nextTokenAnswers = [{ status: 503, body: 'busy' }];
		await expect(
			requestSession(httpRequest, keystone.credential(), noWait),
		).resolves.toHaveProperty('token');
		expect(keystone.tokenRequests).toHaveLength(2);
	});

	it('refuses a token without a project scope or with an empty catalog', async () => {
		const sample = sampleTokenBody();
		keystone.nextTokenAnswers = [];
		const answerWithout = async (changes: Record<string, unknown>) => {
			const server = createServer((_req, res) => {
				res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': 'tok' });
				res.end(JSON.stringify({ token: { ...sample.token, ...changes } }));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
			try {
				return await failure(
					requestSession(httpRequest, keystone.credential({ authUrl: url }), noWait),
				);
			} finally {
				server.close();
			}
		};
		expect((await answerWithout({ project: undefined })).message).toMatch(
			/^No project scope: Keystone issued a token that is not scoped/,
		);
		expect((await answerWithout({ catalog: [] })).message).toMatch(/has an empty service catalog/);
	});
});

describe('Auth URL', () => {
	it('accepts a v3 URL as it is and completes the common forms', () => {
		expect(keystoneV3Url('https://api.pub1.infomaniak.cloud/identity/v3')).toBe(
			'https://api.pub1.infomaniak.cloud/identity/v3',
		);
		expect(keystoneV3Url('https://api.pub1.infomaniak.cloud/identity/v3/')).toBe(
			'https://api.pub1.infomaniak.cloud/identity/v3',
		);
		expect(keystoneV3Url('https://api.pub1.infomaniak.cloud/identity')).toBe(
			'https://api.pub1.infomaniak.cloud/identity/v3',
		);
		expect(keystoneV3Url('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000/v3');
	});

	it.each([
		['not a url', /is not a URL/],
		['ftp://keystone.example.com/v3', /must start with https:\/\//],
		[
			'https://keystone.example.com/v2.0',
			/is not Keystone v3 \(it ends in \/v2\.0\).*https:\/\/keystone\.example\.com\/v3/,
		],
		['https://user:pw@keystone.example.com/v3', /must not contain a user name or password/],
		[
			'http://keystone.example.com/v3',
			/^The "Auth URL" of the OpenStack credential must use https:\/\/: plain http:\/\/ would send the credential's secret in clear text to keystone\.example\.com/,
		],
		['http://10.0.0.5:5000/v3', /must use https:\/\//],
		['https://keystone.example.com/v3/auth/tokens', /without "\/auth\/tokens"/],
		['https://keystone.example.com/v3?x=1', /must not have a query string/],
	])('refuses %s, naming the Auth URL', (url, message) => {
		let error: unknown;
		try {
			keystoneV3Url(url);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(OpenStackConfigError);
		expect((error as Error).message).toMatch(message);
		expect((error as OpenStackConfigError).field).toBe('authUrl');
	});
});
