import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { withinCredentialTestDeadline } from '../../shared/transport/credentialTest';
import {
	closeAzureConnection,
	createAzureConnection,
	type AzureBlobCredentialData,
	type AzureConnection,
} from '../../shared/storage/drivers/azure/client';
import { CREDENTIAL_TEST_POLICY } from '../../shared/transport/retryPolicy';
import { listContainersPage } from '../../shared/storage/drivers/azure/containers';

/**
 * Lists containers with the SDK: the one check that works for all four ways to sign in
 * (a SharedKey signature cannot be built by a declarative test request).
 */
export async function testAzureBlobCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await withinCredentialTestDeadline(async () => {
		let azure: AzureConnection | undefined;
		try {
			// A credential test should answer quickly, not retry for minutes.
			azure = await createAzureConnection(
				(credential.data ?? {}) as AzureBlobCredentialData,
				CREDENTIAL_TEST_POLICY,
			);
			const page = await listContainersPage(azure, { pageSize: 1 });
			const first = page.containers[0]?.name;
			return {
				status: 'OK',
				message: first
					? `Connected to ${azure.endpoint}; containers can be listed`
					: `Connected to ${azure.endpoint}; it has no container yet`,
			};
		} catch (error) {
			return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
		} finally {
			await closeAzureConnection(azure);
		}
	});
}
