import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { withinCredentialTestDeadline } from '../../shared/transport/credentialTest';
import { StorageError } from '../../shared/storage/errors';
import { S3Service } from '../../shared/storage/drivers/s3';
import { CREDENTIAL_TEST_POLICY } from '../../shared/transport/retryPolicy';

/**
 * Signs and sends a real ListBuckets request with the client the nodes use. A key that may
 * not list buckets still proves its signature: S3 checks the signature before permissions.
 */
export async function testS3Credential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await withinCredentialTestDeadline(async () => {
		let s3: S3Service | undefined;
		try {
			// A credential test answers within seconds, whatever the address does.
			s3 = await S3Service.fromCredential(credential.data ?? {}, {
				policy: { ...CREDENTIAL_TEST_POLICY },
			});
			const buckets = await s3.listBuckets();
			return {
				status: 'OK',
				message: `Connected: the credential can see ${buckets.length} bucket(s)`,
			};
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (error instanceof StorageError && error.code === 'Auth' && /denied access/.test(message)) {
				return {
					status: 'OK',
					message: 'The signature is accepted (this key may not list buckets)',
				};
			}
			return { status: 'Error', message };
		} finally {
			s3?.destroy();
		}
	});
}
