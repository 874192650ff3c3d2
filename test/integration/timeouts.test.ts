import '../helpers/gcsJest';
import { generateKeyPairSync } from 'crypto';
import { createRequire } from 'module';

import type { RetryPolicy } from '../../nodes/shared/transport/retryPolicy';
import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import {
	closeAzureConnection,
	createAzureConnection,
} from '../../nodes/shared/storage/drivers/azure/client';
import { listContainersPage } from '../../nodes/shared/storage/drivers/azure/containers';
import {
	closeGcsClient,
	createGcsClient,
	gcsRetryBudgetSeconds,
	parseGcsCredential,
} from '../../nodes/shared/storage/drivers/gcs/client';
import { listBucketsPage } from '../../nodes/shared/storage/drivers/gcs/operations';
import { startBlackholes, type Blackholes } from '../helpers/blackhole';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { azuriteCredential } from './azureSupport';

jest.setTimeout(60_000);

/**
 * The policy's connect and idle timeouts reach the SDK calls: an address that never accepts the
 * connection, or never answers on it, fails within the policy's time budget (plus one attempt's
 * timeout, the longest an attempt started inside the budget may take) — it never hangs.
 */
const POLICY: RetryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 10,
	maxDelayMs: 50,
	maxTotalMs: 2_000,
	connectTimeoutMs: 400,
	idleTimeoutMs: 600,
};
/** The longest the policy lets a call take (its budget, every attempt at its longest), plus slack. */
const BOUND_MS = gcsRetryBudgetSeconds(POLICY) * 1000 + 2_000;

const TIMED_OUT = /ETIMEDOUT|timed? ?out|Could not connect within|No data moved/i;

const AZURE_KEY = Buffer.from('k'.repeat(32)).toString('base64');
const GCS_KEY = JSON.stringify({
	type: 'service_account',
	project_id: 'timeouts',
	client_email: 'timeouts@timeouts.iam.gserviceaccount.com',
	private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
		type: 'pkcs8',
		format: 'pem',
	}),
});

async function failsWithinBudget(call: () => Promise<unknown>): Promise<Error> {
	const started = Date.now();
	const error = await call().then(
		() => undefined,
		(caught: Error) => caught,
	);
	expect(error).toBeInstanceOf(Error);
	expect(Date.now() - started).toBeLessThan(BOUND_MS);
	// it gave up on time, rather than failing for another reason
	expect((error as Error).message).toMatch(TIMED_OUT);
	return error as Error;
}

describe.each([
	['a listening socket that never accepts', 'unacceptedPort'],
	['a server that accepts and never answers', 'silentPort'],
] as const)('an address behind %s', (_what, which) => {
	let holes: Blackholes;
	let url: string;
	beforeAll(async () => {
		holes = await startBlackholes();
		url = `http://127.0.0.1:${holes[which]}`;
	});
	afterAll(async () => {
		await holes.close();
	});

	it('S3: the request fails within the policy', async () => {
		const s3 = await S3Service.fromCredential(
			{ provider: 'custom', endpoint: url, accessKeyId: 'id', secretAccessKey: 'secret' },
			{ policy: POLICY },
		);
		try {
			await failsWithinBudget(() => s3.listBuckets());
		} finally {
			s3.destroy();
		}
	});

	it('Azure: the request fails within the policy', async () => {
		const azure = await createAzureConnection(
			{
				authentication: 'sharedKey',
				accountName: 'acct',
				accountKey: AZURE_KEY,
				blobEndpoint: `${url}/acct`,
			},
			POLICY,
		);
		try {
			const error = await failsWithinBudget(() => listContainersPage(azure, { pageSize: 1 }));
			expect(error.message).not.toContain(AZURE_KEY);
		} finally {
			await closeAzureConnection(azure);
		}
	});

	it('GCS: the request fails within the policy', async () => {
		const client = await createGcsClient(
			parseGcsCredential({
				serviceAccountKey: GCS_KEY,
				useCustomEndpoint: true,
				apiEndpoint: url,
				endpointType: 'emulator',
			}),
			POLICY,
		);
		try {
			await failsWithinBudget(() => listBucketsPage(client, { pageSize: 1 }));
		} finally {
			await closeGcsClient(client);
		}
	});
});

describe('closing a client releases its sockets', () => {
	const openSockets = (agent: { sockets: object; freeSockets: object }) =>
		[...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flat().length;

	it('Azure: the connection owns its sockets, and close() ends them', async () => {
		const azure = await createAzureConnection(azuriteCredential());
		await listContainersPage(azure, { pageSize: 1 });
		const agents = azure.agents!;
		expect(openSockets(agents.http) + openSockets(agents.https)).toBeGreaterThan(0);
		await closeAzureConnection(azure);
		expect(openSockets(agents.http) + openSockets(agents.https)).toBe(0);
	});

	it("GCS: close() ends the kept-alive sockets of the SDK's agents", async () => {
		const emulator = gcsEmulator();
		const client = await createGcsClient(
			parseGcsCredential(gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId)),
		);
		await listBucketsPage(client, { pageSize: 1 });
		const pool = sdkAgentPool();
		const kept = () => [...pool.values()].reduce((sum, agent) => sum + openSockets(agent), 0);
		expect(kept()).toBeGreaterThan(0);
		await closeGcsClient(client);
		expect(kept()).toBe(0);
	});
});

/** The request library's agent pool, where the GCS client installs the pack's agents. */
function sdkAgentPool(): Map<string, { sockets: object; freeSockets: object }> {
	const sdkRequire = createRequire(require.resolve('@google-cloud/storage'));
	return (sdkRequire('teeny-request/build/src/agents') as { pool: Map<string, any> }).pool;
}
