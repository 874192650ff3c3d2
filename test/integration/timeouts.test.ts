import { generateKeyPairSync } from 'crypto';

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
	parseGcsCredential,
} from '../../nodes/shared/storage/drivers/gcs/client';
import { listBucketsPage } from '../../nodes/shared/storage/drivers/gcs/operations';
import { startBlackholes, type Blackholes } from '../helpers/blackhole';

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
const BOUND_MS = POLICY.maxTotalMs + POLICY.connectTimeoutMs + POLICY.idleTimeoutMs + 2_000;

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
