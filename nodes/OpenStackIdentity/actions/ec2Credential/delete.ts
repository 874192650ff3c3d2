import type { IExecuteFunctions } from 'n8n-workflow';

import { currentUserPath, forOperation, identityRequest, showFor } from '../common';
import { ec2CredentialLocator, getAccessKey } from './shared';

export const description = forOperation(showFor('ec2Credential', 'delete'), [ec2CredentialLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const access = getAccessKey(this, itemIndex);
	await identityRequest(this, {
		method: 'DELETE',
		path: `${await currentUserPath(this)}/credentials/OS-EC2/${encodeURIComponent(access)}`,
	});
	return { access, deleted: true };
}
