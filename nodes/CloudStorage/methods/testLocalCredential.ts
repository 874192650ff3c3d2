import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { promises as fs } from 'fs';

import { fileAccessRulesOf } from '../../shared/host/contextRules';
import { LocalStorageDriver } from '../../shared/storage/drivers/local/driver';
import { StorageError } from '../../shared/storage/errors';

/**
 * The Local credential has no HTTP endpoint: its test checks that n8n's file-access rules
 * allow the root folder (read from the server's settings: a credential test has no file
 * helpers), and that it is a writable folder.
 */
export async function testLocalCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const root = String(credential.data?.rootDirectory ?? '').trim();
	if (!root) return { status: 'Error', message: 'Set the root folder' };
	const driver = new LocalStorageDriver(root, fileAccessRulesOf(this));
	try {
		await driver.open();
		await fs.access(root, fs.constants.R_OK | fs.constants.W_OK);
	} catch (error) {
		if (error instanceof StorageError) return { status: 'Error', message: error.message };
		const code = (error as NodeJS.ErrnoException).code ?? 'not accessible';
		return { status: 'Error', message: `Cannot use "${root}": ${code}` };
	} finally {
		await driver.close();
	}
	return { status: 'OK', message: 'The root folder exists, n8n may use it, and it is writable' };
}
