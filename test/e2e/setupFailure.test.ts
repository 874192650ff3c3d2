import { N8nInstance } from './harness/n8n';
import {
	PACK,
	locator,
	makeFiles,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './harness/workflow';

jest.setTimeout(15 * 60_000);

/**
 * When a node cannot build its client from its credential, every item comes out as an error
 * item naming the cause ("On Error: Continue"), or the node fails — never does the input pass
 * through as if the operation had happened. Every node of the pack, the Cloud Storage node on
 * each backend, item-by-item operations and batched ones (Coda's Insert Many, ReductStore's
 * Write Many) alike; for the Infomaniak Newsletter, CloudCIX and OpenStack credentials, an address
 * that breaks the endpoint rule (refused before anything is sent).
 */
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const SECRET = 's3cr3t-p4ss';

interface Case {
	node: string;
	type: string;
	credentialType: string;
	data: Record<string, unknown>;
	parameters: Record<string, unknown>;
	cause: RegExp;
}

const S3_WITH_USER = {
	provider: 'custom',
	endpoint: `https://AKIA:${SECRET}@s3.example.com`,
	accessKeyId: 'AKIA',
	secretAccessKey: SECRET,
};
const S3_CAUSE = /^S3 credential: "Endpoint" must not contain a user name or password/;
const AZURE_CAUSE = /^The "Connection String" of the Azure credential is not valid/;

const CASES: Case[] = [
	{
		node: 'Cloud Storage Local',
		type: 'cloudStorage',
		credentialType: 'cloudPackLocalStorageApi',
		data: { rootDirectory: '/etc' },
		parameters: {
			backend: 'local',
			resource: 'object',
			operation: 'upload',
			container: locator('ssl'),
			key: 'x.txt',
		},
		cause: /^n8n may not access the folder "\/etc" set as the root of the Local credential$/,
	},
	{
		node: 'Cloud Storage Azure',
		type: 'cloudStorage',
		credentialType: 'cloudPackAzureBlobApi',
		data: { authentication: 'connectionString', connectionString: 'not a connection string' },
		parameters: {
			backend: 'azure',
			resource: 'object',
			operation: 'upload',
			container: locator('box'),
			key: 'x.txt',
		},
		cause: AZURE_CAUSE,
	},
	{
		node: 'Cloud Storage GCS',
		type: 'cloudStorage',
		credentialType: 'cloudPackGoogleCloudStorageApi',
		data: { serviceAccountKey: '{"type": "service_account", "private_key": ' },
		parameters: {
			backend: 'gcs',
			resource: 'object',
			operation: 'upload',
			container: locator('bucket'),
			key: 'x.txt',
		},
		cause: /^Google Cloud Storage credential: the "Service Account Key" is not valid JSON/,
	},
	{
		node: 'Cloud Storage S3',
		type: 'cloudStorage',
		credentialType: 'cloudPackS3Api',
		data: S3_WITH_USER,
		parameters: {
			backend: 's3',
			resource: 'object',
			operation: 'upload',
			container: locator('bucket'),
			key: 'x.txt',
		},
		cause: S3_CAUSE,
	},
	{
		node: 'S3',
		type: 's3',
		credentialType: 'cloudPackS3Api',
		data: S3_WITH_USER,
		parameters: {
			resource: 'object',
			operation: 'upload',
			bucket: locator('bucket'),
			key: 'x.txt',
		},
		cause: S3_CAUSE,
	},
	{
		node: 'Azure',
		type: 'azureBlob',
		credentialType: 'cloudPackAzureBlobApi',
		data: {
			authentication: 'connectionString',
			connectionString: 'DefaultEndpointsProtocol=https;AccountName=acct',
		},
		parameters: {
			resource: 'blob',
			operation: 'upload',
			container: locator('box'),
			blobName: 'x.txt',
		},
		cause: AZURE_CAUSE,
	},
	{
		node: 'GCS',
		type: 'googleCloudStorage',
		credentialType: 'cloudPackGoogleCloudStorageApi',
		data: { serviceAccountKey: '{"type": "authorized_user"}' },
		parameters: {
			resource: 'object',
			operation: 'upload',
			bucket: locator('bucket'),
			objectName: 'x.txt',
		},
		cause: /^Google Cloud Storage credential: the key is of type "authorized_user"/,
	},
	{
		node: 'Coda Get',
		type: 'coda',
		credentialType: 'cloudPackCodaApi',
		data: { apiToken: SECRET, baseUrl: 'http://coda.example.com/apis/v1' },
		parameters: { resource: 'doc', operation: 'get', docId: id('AbCdEf') },
		cause: /^The "Base URL" of the Coda credential must use https:\/\//,
	},
	{
		node: 'Coda Insert Many',
		type: 'coda',
		credentialType: 'cloudPackCodaApi',
		data: { apiToken: SECRET, baseUrl: 'http://coda.example.com/apis/v1' },
		parameters: {
			resource: 'row',
			operation: 'insert',
			docId: id('AbCdEf'),
			tableId: id('grid-1'),
			dataMode: 'autoMap',
		},
		cause: /^The "Base URL" of the Coda credential must use https:\/\//,
	},
	{
		node: 'ReductStore Write',
		type: 'reductStore',
		credentialType: 'cloudPackReductStoreApi',
		data: { url: 'http://reduct.example.com:8383', apiToken: SECRET },
		parameters: {
			resource: 'record',
			operation: 'write',
			bucket: locator('b'),
			entry: locator('e'),
			timestamp: 'now',
		},
		cause: /^The "Server URL" of the ReductStore credential must use https:\/\//,
	},
	{
		node: 'ReductStore Write Many',
		type: 'reductStore',
		credentialType: 'cloudPackReductStoreApi',
		data: { url: `https://admin:${SECRET}@reduct.example.com`, apiToken: '' },
		parameters: {
			resource: 'record',
			operation: 'writeBatch',
			bucket: locator('b'),
			entry: locator('e'),
			timestamp: 'now',
		},
		cause:
			/^The "Server URL" of the ReductStore credential must not contain a user name or password/,
	},
];

/** An OpenStack credential whose Keystone would receive the password over plain http:// to another machine. */
const OPENSTACK_HTTP = {
	cloud: 'custom',
	authUrl: 'http://keystone.example.com:5000/v3',
	region: 'RegionOne',
	authentication: 'password',
	userName: 'admin',
	password: SECRET,
	projectName: 'admin',
};
/** One with user:password@ in its Auth URL. */
const OPENSTACK_USER = {
	cloud: 'custom',
	authUrl: `https://admin:${SECRET}@keystone.example.com/v3`,
	region: 'RegionOne',
	authentication: 'applicationCredential',
	applicationCredentialId: 'f37a55af0c3a459ca410f6a283357210',
	applicationCredentialSecret: SECRET,
};
const OPENSTACK_HTTP_CAUSE = /^The "Auth URL" of the OpenStack credential must use https:\/\//;
const OPENSTACK_USER_CAUSE =
	/^The "Auth URL" of the OpenStack credential must not contain a user name or password/;

const openStack = (
	node: string,
	type: string,
	parameters: Record<string, unknown>,
	bad: 'http' | 'user',
): Case => ({
	node,
	type,
	credentialType: 'cloudPackOpenStackApi',
	data: bad === 'http' ? OPENSTACK_HTTP : OPENSTACK_USER,
	parameters,
	cause: bad === 'http' ? OPENSTACK_HTTP_CAUSE : OPENSTACK_USER_CAUSE,
});

CASES.push(
	{
		node: 'Cloud Storage Swift',
		type: 'cloudStorage',
		credentialType: 'cloudPackOpenStackApi',
		data: OPENSTACK_HTTP,
		parameters: {
			backend: 'swift',
			resource: 'object',
			operation: 'upload',
			container: locator('box'),
			key: 'x.txt',
		},
		cause: OPENSTACK_HTTP_CAUSE,
	},
	{
		node: 'Newsletter Upsert',
		type: 'infomaniakNewsletter',
		credentialType: 'cloudPackInfomaniakNewsletterApi',
		data: { apiToken: SECRET, domainId: '4242', baseUrl: 'http://api.infomaniak.example' },
		parameters: { resource: 'subscriber', operation: 'upsert', email: 'ada@example.com' },
		cause: /^The "Base URL" of the Infomaniak Newsletter credential must use https:\/\//,
	},
	{
		node: 'CloudCIX Create',
		type: 'cloudCix',
		credentialType: 'cloudPackCloudCixApi',
		data: {
			email: 'ada@example.com',
			password: SECRET,
			apiKey: 'member-key',
			apiUrl: `https://ada:${SECRET}@api.cloudcix.com/`,
		},
		parameters: {
			operation: 'create',
			application: 'membership',
			service: { __rl: true, mode: 'path', value: 'department/' },
			jsonBody: '{"name": "Sales"}',
		},
		cause: /^The "API URL" of the CloudCIX credential must not contain a user name or password/,
	},
	openStack(
		'OpenStack Object Storage Upload',
		'openStackObjectStorage',
		{ resource: 'object', operation: 'upload', container: locator('box'), objectName: 'x.txt' },
		'http',
	),
	openStack(
		'OpenStack Identity',
		'openStackIdentity',
		{ resource: 'user', operation: 'getCurrent' },
		'user',
	),
	openStack(
		'OpenStack Compute',
		'openStackCompute',
		{ resource: 'server', operation: 'list', returnAll: true },
		'http',
	),
	openStack(
		'OpenStack Block Storage',
		'openStackBlockStorage',
		{ resource: 'volume', operation: 'list', returnAll: true },
		'user',
	),
	openStack(
		'OpenStack Network',
		'openStackNetwork',
		{ resource: 'network', operation: 'list', returnAll: true },
		'http',
	),
	openStack(
		'OpenStack Usage',
		'openStackUsage',
		{ resource: 'compute', operation: 'getLimits' },
		'user',
	),
	openStack(
		'OpenStack DNS',
		'openStackDns',
		{ resource: 'zone', operation: 'list', returnAll: true },
		'http',
	),
	openStack(
		'OpenStack Orchestration',
		'openStackOrchestration',
		{ resource: 'stack', operation: 'list', returnAll: true },
		'user',
	),
);

const credentialId = (index: number) => `setupFail${String(index).padStart(4, '0')}`;

function nodeFor(entry: Case, index: number, extra: Record<string, unknown> = {}): WorkflowNode {
	return {
		name: entry.node,
		type: `${PACK}.${entry.type}`,
		parameters: entry.parameters,
		credentials: { [entry.credentialType]: { id: credentialId(index), name: credentialId(index) } },
		...extra,
	} as WorkflowNode;
}

const FILES = [
	{ fileName: 'a.txt', text: 'first' },
	{ fileName: 'b.txt', text: 'second' },
];

describe('a client that cannot be built, in every node of the pack', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await N8nInstance.create({}, 'server');
		await n8n.importCredentials(
			CASES.map((entry, index) => ({
				id: credentialId(index),
				name: credentialId(index),
				type: entry.credentialType,
				data: entry.data,
			})),
		);
	});

	afterAll(async () => {
		await n8n?.dispose();
	});

	it('with "On Error: Continue": one error item per input item, naming the cause, paired, without the input', async () => {
		await n8n.importWorkflow(
			workflow(
				'e2eSetupContinue',
				[
					manualTrigger,
					makeFiles('Make', FILES),
					...CASES.map((entry, index) =>
						nodeFor(entry, index, { onError: 'continueRegularOutput' }),
					),
				],
				CASES.map((entry) => ['Start', 'Make', entry.node]),
			),
		);
		const run = await n8n.execute('e2eSetupContinue');
		for (const entry of CASES) {
			const items = run.output(entry.node);
			expect({ node: entry.node, count: items.length }).toEqual({ node: entry.node, count: 2 });
			items.forEach((item, index) => {
				expect({ node: entry.node, error: item.json.error }).toEqual({
					node: entry.node,
					error: expect.stringMatching(entry.cause),
				});
				expect(item.json.error).not.toContain(SECRET);
				expect(item.binary).toBeUndefined();
				expect(item.json.fileName).toBeUndefined();
				expect((item as { pairedItem?: unknown }).pairedItem).toEqual({ item: index });
			});
		}
		expect(JSON.stringify(run.raw)).not.toContain(SECRET);
	});

	it.each(CASES.map((entry, index) => [entry.node, index] as const))(
		'without it, %s fails the run with the cause',
		async (name, index) => {
			const entry = CASES[index];
			const workflowId = `e2eSetupStop${index}`;
			await n8n.importWorkflow(
				workflow(workflowId, [manualTrigger, makeFiles('Make', FILES), nodeFor(entry, index)]),
			);
			const failure = await n8n.executeExpectingFailure(workflowId);
			expect({ name, failure }).toEqual({
				name,
				failure: expect.stringMatching(new RegExp(entry.cause.source.replace(/^\^|\$$/g, ''))),
			});
			expect(failure).not.toContain(SECRET);
		},
	);
});
