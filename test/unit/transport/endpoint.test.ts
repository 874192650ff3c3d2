import { UserError } from 'n8n-workflow';

import { CloudPackCloudCixApi } from '../../../credentials/CloudPackCloudCixApi.credentials';
import { CloudPackInfomaniakNewsletterApi } from '../../../credentials/CloudPackInfomaniakNewsletterApi.credentials';
import { CloudPackOpenStackApi } from '../../../credentials/CloudPackOpenStackApi.credentials';
import { sessionFingerprint } from '../../../nodes/shared/openstack/session';
import {
	assertRequestEndpoint,
	endpointProblem,
	isLoopbackHost,
	requestTarget,
	withoutUserInfo,
} from '../../../nodes/shared/transport/endpoint';
import { readS3Config } from '../../../nodes/shared/storage/drivers/s3/config';
import { parseGcsCredential } from '../../../nodes/shared/storage/drivers/gcs/client';
import { createAzureConnection } from '../../../nodes/shared/storage/drivers/azure/client';

const LABEL = '"Endpoint"';
const secret = { label: LABEL, sendsSecret: true };
const noSecret = { label: LABEL, sendsSecret: false };

describe('the endpoint rule shared by every credential', () => {
	it.each([
		'localhost',
		'LOCALHOST',
		'api.localhost',
		'127.0.0.1',
		'127.10.20.30',
		'[::1]',
		'::1',
		'[0:0:0:0:0:0:0:1]',
		'[::ffff:127.0.0.1]',
	])('%s is loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	it.each([
		'10.0.0.1',
		'192.168.1.2',
		'128.0.0.1',
		'localhost.example.com',
		'[::2]',
		'example.com',
	])('%s is not loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});

	it('https:// anywhere and http:// to this machine carry a secret; http:// elsewhere does not', () => {
		expect(endpointProblem('https://s3.example.com', secret)).toBeUndefined();
		expect(endpointProblem('http://127.0.0.1:9000', secret)).toBeUndefined();
		expect(endpointProblem('http://localhost:9000/path', secret)).toBeUndefined();
		expect(endpointProblem('http://[::1]:9000', secret)).toBeUndefined();
		expect(endpointProblem('http://minio.lan:9000', secret)).toBe(
			'"Endpoint" must use https://: plain http:// would send the credential\'s secret in clear text to minio.lan (http:// is allowed only for a server on this machine, such as 127.0.0.1 or localhost)',
		);
		// nothing secret is sent: plain http:// is the user's choice
		expect(endpointProblem('http://minio.lan:9000', noSecret)).toBeUndefined();
	});

	it('user:password@ is refused for every provider, secret or not, and never repeated', () => {
		for (const rule of [secret, noSecret]) {
			for (const url of [
				'https://user:p4ssw0rd@s3.example.com',
				'http://user:p4ssw0rd@127.0.0.1:9000',
				'https://user@s3.example.com',
				'https://:p4ssw0rd@s3.example.com',
			]) {
				const problem = endpointProblem(url, rule);
				expect(problem).toMatch(/must not contain a user name or password/);
				expect(problem).not.toMatch(/p4ssw0rd/);
			}
		}
	});

	it('other schemes and non-URLs are refused', () => {
		expect(endpointProblem('ftp://example.com', secret)).toMatch(/must start with https:\/\//);
		expect(endpointProblem('example.com', secret)).toBe('"Endpoint" is not a URL');
		expect(withoutUserInfo('https://u:p@h.example/x')).toBe('https://h.example/x');
	});

	it("checks the address of n8n's request options (baseURL + url, or an absolute url)", () => {
		expect(requestTarget({ baseURL: 'https://a.example/v1/', url: '/whoami' })).toBe(
			'https://a.example/v1/whoami',
		);
		expect(requestTarget({ baseURL: 'https://a.example', url: 'http://b.example/x' })).toBe(
			'http://b.example/x',
		);
		// joined as axios joins them: one "/" between (CloudCIX's test request: base + "country/")
		expect(requestTarget({ baseURL: 'http://localhost:4010/membership/', url: 'country/' })).toBe(
			'http://localhost:4010/membership/country/',
		);
		expect(requestTarget({ baseURL: 'https://a.example/v1' })).toBe('https://a.example/v1');
		expect(() =>
			assertRequestEndpoint({ baseURL: 'http://coda.lan', url: '/whoami' }, secret),
		).toThrow(/must use https:\/\//);
		expect(() =>
			assertRequestEndpoint({ baseURL: 'http://127.0.0.1:1', url: '/whoami' }, secret),
		).not.toThrow();
	});
});

describe('each credential applies it', () => {
	it('S3: the endpoint of an S3-compatible store', () => {
		const base = { provider: 'custom', accessKeyId: 'id', secretAccessKey: 'sk' };
		expect(readS3Config({ ...base, endpoint: 'http://127.0.0.1:18080' }).endpoint).toBe(
			'http://127.0.0.1:18080',
		);
		expect(() => readS3Config({ ...base, endpoint: 'http://minio.lan:9000' })).toThrow(
			/S3 credential: "Endpoint" must use https:\/\//,
		);
		expect(() => readS3Config({ ...base, endpoint: 'https://ak:sk-secret@minio.example' })).toThrow(
			/S3 credential: "Endpoint" must not contain a user name or password/,
		);
	});

	it('GCS: a Google-compatible endpoint gets the token (https:// or loopback); an emulator none', () => {
		const key = JSON.stringify({
			type: 'service_account',
			client_email: 'a@b.iam.gserviceaccount.com',
			private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
			project_id: 'p',
		});
		const credential = (apiEndpoint: string, endpointType: string) => ({
			serviceAccountKey: key,
			useCustomEndpoint: true,
			apiEndpoint,
			endpointType,
		});
		expect(parseGcsCredential(credential('http://gcs.lan:4443', 'emulator')).apiEndpoint).toBe(
			'http://gcs.lan:4443',
		);
		expect(() => parseGcsCredential(credential('http://gcs.lan:4443', 'google'))).toThrow(
			/"API Endpoint" must use https:\/\//,
		);
		expect(() => parseGcsCredential(credential('http://u:pw@127.0.0.1:1', 'emulator'))).toThrow(
			/must not contain a user name or password/,
		);
	});

	it('Azure: the blob endpoint, the one inside a connection string, a pasted SAS URL', async () => {
		const key = Buffer.from('k'.repeat(32)).toString('base64');
		await expect(
			createAzureConnection({
				authentication: 'sharedKey',
				accountName: 'acct',
				accountKey: key,
				blobEndpoint: 'http://azurite.lan:10000/acct',
			}),
		).rejects.toThrow(/"Blob Endpoint" of the Azure credential must use https:\/\//);
		await expect(
			createAzureConnection({
				authentication: 'connectionString',
				connectionString: `DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`,
			}),
		).rejects.toThrow(/"Connection String" of the Azure credential must use https:\/\//);
		await expect(
			createAzureConnection({
				authentication: 'sasToken',
				sasToken: 'https://me:pw@acct.blob.core.windows.net/?sv=1&sig=abc',
			}),
		).rejects.toThrow(/must not contain a user name or password/);
		const local = await createAzureConnection({
			authentication: 'sharedKey',
			accountName: 'acct',
			accountKey: key,
			blobEndpoint: 'http://127.0.0.1:10000/acct',
		});
		expect(local.endpoint).toBe('http://127.0.0.1:10000/acct');
	});
});

describe('the credentials with a login or a token apply it to every request that carries a secret', () => {
	const SECRET = 'pw-0815-secret';
	/** n8n's helper for preAuthentication: nothing may be sent. */
	const nothingSent = () => {
		const httpRequest = jest.fn(async () => {
			throw new Error('a request was sent');
		});
		return { helpers: { httpRequest } };
	};

	it('Infomaniak Newsletter: the Bearer token, also for the credential test', async () => {
		const credential = new CloudPackInfomaniakNewsletterApi();
		const data = { apiToken: SECRET, domainId: '1', baseUrl: 'http://api.infomaniak.example' };
		const test = credential.test.request;
		await expect(
			credential.authenticate(data, {
				baseURL: 'http://api.infomaniak.example',
				url: String(test.url),
			}),
		).rejects.toThrow(
			/^The "Base URL" of the Infomaniak Newsletter credential must use https:\/\/.*api\.infomaniak\.example/,
		);
		await expect(
			credential.authenticate(data, { url: 'https://me:pw@api.infomaniak.com/1/newsletters/1' }),
		).rejects.toThrow(/must not contain a user name or password/);
		expect(
			(
				await credential.authenticate(data, {
					url: 'http://127.0.0.1:8080/1/newsletters/1',
				})
			).headers,
		).toEqual({ Authorization: `Bearer ${SECRET}` });
	});

	it('CloudCIX: the login (password and API key) and the token', async () => {
		const credential = new CloudPackCloudCixApi();
		const data = { email: 'a@b.ch', password: SECRET, apiKey: 'k', token: 'jwt' };
		for (const [apiUrl, problem] of [
			[
				'http://api.cloudcix.example/',
				/^The "API URL" of the CloudCIX credential must use https:\/\//,
			],
			[`https://a:${SECRET}@api.cloudcix.com/`, /must not contain a user name or password/],
		] as const) {
			const helper = nothingSent();
			const login = credential.preAuthentication.call(helper as never, { ...data, apiUrl });
			await expect(login).rejects.toThrow(problem);
			await expect(login).rejects.toThrow(UserError);
			await expect(login).rejects.not.toThrow(SECRET);
			expect(helper.helpers.httpRequest).not.toHaveBeenCalled();
		}
		await expect(
			credential.authenticate(data, { baseURL: 'http://membership.cix.lan/', url: 'country/' }),
		).rejects.toThrow(/must use https:\/\//);
	});

	it('OpenStack: the Auth URL (password, secret) and every request with the token', async () => {
		const credential = new CloudPackOpenStackApi();
		const data = {
			cloud: 'custom',
			region: 'RegionOne',
			authentication: 'password',
			userName: 'u',
			password: SECRET,
			projectName: 'p',
			session: '',
		};
		for (const [authUrl, problem] of [
			[
				'http://keystone.example.com/v3',
				/^The "Auth URL" of the OpenStack credential must use https:\/\/.*keystone\.example\.com/,
			],
			[`https://u:${SECRET}@keystone.example.com/v3`, /must not contain a user name or password/],
		] as const) {
			const helper = nothingSent();
			const login = credential.preAuthentication.call(helper as never, { ...data, authUrl });
			await expect(login).rejects.toThrow(problem);
			await expect(login).rejects.not.toThrow(SECRET);
			expect(helper.helpers.httpRequest).not.toHaveBeenCalled();
		}
		// a stored session of these settings: its token goes to https:// or this machine only
		const authUrl = 'https://keystone.example.com/v3';
		const settings = { ...data, authUrl };
		const session = JSON.stringify({
			token: 'gAAAA-token',
			expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
			fingerprint: sessionFingerprint(settings),
			authUrl,
			region: 'RegionOne',
			interface: 'public',
			user: { id: 'u' },
			project: { id: 'p' },
			roles: [],
			methods: ['password'],
			endpoints: {},
			catalogRegions: ['RegionOne'],
		});
		await expect(
			credential.authenticate({ ...settings, session }, { url: 'http://nova.example.com/v2.1' }),
		).rejects.toThrow(
			/^An address that receives the OpenStack token must use https:\/\/.*nova\.example\.com/,
		);
		expect(
			(await credential.authenticate({ ...settings, session }, { url: 'https://nova.example.com' }))
				.headers,
		).toEqual({ 'X-Auth-Token': 'gAAAA-token' });
		// no usable session: no token, so nothing to refuse (n8n then logs in through preAuthentication)
		expect(
			(await credential.authenticate({ ...settings, session: '' }, { url: 'http://x.example' }))
				.headers,
		).toEqual({});
	});
});
