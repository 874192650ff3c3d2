import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { withinCredentialTestDeadline } from '../../shared/transport/credentialTest';
import {
	closeGcsClient,
	createGcsClient,
	parseGcsCredential,
	redactFor,
	type GcsClient,
	type GcsConfig,
} from '../../shared/storage/drivers/gcs/client';
import { CREDENTIAL_TEST_POLICY } from '../../shared/transport/retryPolicy';
import { listBucketsPage } from '../../shared/storage/drivers/gcs/buckets';

/**
 * The credential is a service-account key the SDK signs requests with, which n8n's
 * declarative credential test cannot do: this lists the project's buckets instead.
 */
export async function testGcsCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await withinCredentialTestDeadline(async () => {
		let config: GcsConfig | undefined;
		let client: GcsClient | undefined;
		try {
			config = parseGcsCredential(credential.data ?? {});
			// A credential test should answer quickly, not retry for minutes.
			client = await createGcsClient(config, CREDENTIAL_TEST_POLICY);
			const page = await listBucketsPage(client, { pageSize: 1 });
			const seen = page.buckets.length
				? ` (first bucket: ${page.buckets[0].name})`
				: ' (no buckets yet)';
			return {
				status: 'OK',
				message: `Listed the buckets of project "${config.projectId}"${seen}`,
			};
		} catch (error) {
			return {
				status: 'Error',
				message: redactFor(config, error instanceof Error ? error.message : String(error)),
			};
		} finally {
			await closeGcsClient(client);
		}
	});
}
