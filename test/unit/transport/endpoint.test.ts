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
