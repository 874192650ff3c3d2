import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { promises as fs } from 'fs';

/** The Local credential has no HTTP endpoint: its test checks the root folder is a writable folder. */
export async function testLocalCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const root = String(credential.data?.rootDirectory ?? '').trim();
	if (!root) return { status: 'Error', message: 'Set the root folder' };
	try {
		const stat = await fs.stat(root);
		if (!stat.isDirectory()) return { status: 'Error', message: `"${root}" is not a folder` };
		await fs.access(root, fs.constants.R_OK | fs.constants.W_OK);
	} catch (error) {
		return {
			status: 'Error',
			message: `Cannot use "${root}": ${(error as NodeJS.ErrnoException).code ?? 'not accessible'}`,
		};
	}
	return { status: 'OK', message: 'The root folder exists and is writable' };
}
