import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { N8nRest, type CredentialTestResult } from './harness/rest';
import { PACK, manualTrigger, workflow } from './harness/workflow';
import { startBlackholes, type Blackholes } from '../helpers/blackhole';
import { gcsCredentialData } from '../helpers/gcs';
import { swiftCredential, swiftServer } from '../integration/s3Support';

jest.setTimeout(15 * 60_000);

/**
 * Every credential test of the pack, through n8n's own "Test" (its REST API, as the editor
 * calls it): an address that never accepts the connection, or never answers on it, fails the
 * test within the credential-test policy (ten seconds, two attempts) instead of hanging; an
 * address with user:password@, or a secret over plain http:// to another machine, is refused
 * before anything is sent; the AWS default credential chain needs n8n's own switch.
 */
const SECRET = 'Sup3r-s3cret-value';
/** The credential-test policy's budget, one more attempt's timeout, and room for a busy machine. */
const BOUND_MS = 10_000 + 10_000 + 15_000;

const AZURE_KEY = Buffer.from('k'.repeat(32)).toString('base64');

function credentials(url: string) {
	return {
		s3: {
			type: 'cloudPackS3Api',
			data: { provider: 'custom', endpoint: url, accessKeyId: 'id', secretAccessKey: SECRET },
		},
		azure: {
			type: 'cloudPackAzureBlobApi',
			data: {
				authentication: 'sharedKey',
				accountName: 'acct',
				accountKey: AZURE_KEY,
				blobEndpoint: `${url}/acct`,
			},
		},
		gcs: { type: 'cloudPackGoogleCloudStorageApi', data: gcsCredentialData(url, 'emulator', 'p') },
		coda: { type: 'cloudPackCodaApi', data: { apiToken: SECRET, baseUrl: `${url}/apis/v1` } },
		reduct: {
			type: 'cloudPackReductStoreApi',
			data: { url, apiToken: SECRET, allowUnauthorizedCerts: false },
		},
		newsletter: {
			type: 'cloudPackInfomaniakNewsletterApi',
			data: { apiToken: SECRET, domainId: 1, baseUrl: url },
		},
	};
}

describe('credential tests inside a real n8n', () => {
	let n8n: N8nInstance;
	let rest: N8nRest;
	let holes: Blackholes;

	beforeAll(async () => {
		holes = await startBlackholes();
		n8n = await N8nInstance.create();
		const port = await freePort();
		await n8n.start(port);
		rest = await N8nRest.signIn(port);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await holes?.close();
	});

	/**
	 * n8n runs a declarative credential test (Coda, ReductStore, Newsletter) through one shared registry of
	 * mock node types, from which a finishing test removes the node type another is still using
	 * ("Node not found"): the tests here run one after the other, as a user's would.
	 */
	async function testAll(
		cases: Array<[string, { type: string; data: Record<string, unknown> }]>,
	): Promise<Array<CredentialTestResult & { elapsedMs: number; name: string }>> {
		const results: Array<CredentialTestResult & { elapsedMs: number; name: string }> = [];
		for (const [name, credential] of cases) results.push(await test(name, credential));
		return results;
	}

	async function test(
		name: string,
		credential: { type: string; data: Record<string, unknown> },
	): Promise<CredentialTestResult & { elapsedMs: number; name: string }> {
		const id = await rest.createCredential({ name, ...credential });
		const started = Date.now();
		const result = await rest.testCredential({ id, name, ...credential });
		return { ...result, elapsedMs: Date.now() - started, name };
	}

	it.each([
		['a listening socket that never accepts', 'unacceptedPort'],
		['a server that accepts and never answers', 'silentPort'],
	] as const)(
		'an address behind %s: every credential test fails in seconds, never hangs',
		async (_what, which) => {
			const url = `http://127.0.0.1:${holes[which]}`;
			const results = await testAll(Object.entries(credentials(url)));
			for (const result of results) {
				expect({ name: result.name, status: result.status }).toEqual({
					name: result.name,
					status: 'Error',
				});
				expect({ name: result.name, fast: result.elapsedMs < BOUND_MS }).toEqual({
					name: result.name,
					fast: true,
				});
				expect(result.message).not.toContain(SECRET);
			}
		},
	);

	it('user:password@ is refused for every credential, and the password never shown', async () => {
		const withUser = (url: string) => url.replace('https://', `https://admin:${SECRET}@`);
		const all = credentials('https://storage.example.com');
		const results = await testAll([
			['s3', { ...all.s3, data: { ...all.s3.data, endpoint: withUser('https://s3.example.com') } }],
			[
				'azure',
				{
					...all.azure,
					data: { ...all.azure.data, blobEndpoint: withUser('https://acct.blob.example.com') },
				},
			],
			[
				'gcs',
				{ ...all.gcs, data: { ...all.gcs.data, apiEndpoint: withUser('https://gcs.example.com') } },
			],
			[
				'coda',
				{ ...all.coda, data: { ...all.coda.data, baseUrl: withUser('https://coda.io/apis/v1') } },
			],
			[
				'reduct',
				{
					...all.reduct,
					data: { ...all.reduct.data, url: withUser('https://reduct.example.com') },
				},
			],
			[
				'newsletter',
				{
					...all.newsletter,
					data: { ...all.newsletter.data, baseUrl: withUser('https://api.infomaniak.com') },
				},
			],
		]);
		for (const result of results) {
			expect({ name: result.name, status: result.status, message: result.message }).toEqual({
				name: result.name,
				status: 'Error',
				message: expect.stringContaining('must not contain a user name or password'),
			});
			expect(result.message).not.toContain(SECRET);
		}
	});

	it('a secret over plain http:// goes to this machine only', async () => {
		const all = credentials('http://storage.example.com');
		const results = await testAll([
			['s3', all.s3],
			['azure', all.azure],
			['gcs', { ...all.gcs, data: { ...all.gcs.data, endpointType: 'google' } }],
			['coda', all.coda],
			['reduct', all.reduct],
			['newsletter', all.newsletter],
		]);
		for (const result of results) {
			expect({ name: result.name, status: result.status, message: result.message }).toEqual({
				name: result.name,
				status: 'Error',
				message: expect.stringMatching(/must use https:\/\/.*storage\.example\.com/),
			});
		}
	});

	it("the AWS default credential chain: refused unless n8n's N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED", async () => {
		const chain = {
			type: 'cloudPackS3Api',
			data: {
				...swiftCredential(),
				authentication: 'defaultChain',
				accessKeyId: '',
				secretAccessKey: '',
			},
		};
		expect(await test('chain', chain)).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(
				/disabled on this n8n server.*N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true/,
			),
		});

		// the same credential in a workflow: refused, then allowed once n8n enables it
		await n8n.importCredentials([{ id: 'awsChain000001', name: 'chain', ...chain }]);
		await n8n.importWorkflow(
			workflow('e2eAwsChain', [
				manualTrigger,
				{
					name: 'Buckets',
					type: `${PACK}.s3`,
					parameters: { resource: 'bucket', operation: 'list', returnAll: true },
					credentials: { cloudPackS3Api: { id: 'awsChain000001', name: 'chain' } },
					onError: 'continueRegularOutput',
				} as never,
			]),
		);
		const refused = await n8n.execute('e2eAwsChain');
		expect(refused.output('Buckets')).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({
					error: expect.stringMatching(/disabled on this n8n server/),
				}),
			}),
		]);
		const server = swiftServer();
		const allowed = await n8n.execute('e2eAwsChain', {
			N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED: 'true',
			AWS_ACCESS_KEY_ID: server.accessKeyId,
			AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
		});
		const buckets = allowed.output('Buckets');
		expect(buckets.every((item) => item.json.error === undefined)).toBe(true);
		expect(buckets.every((item) => typeof item.json.name === 'string')).toBe(true);
	});
});
