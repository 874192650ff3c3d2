import type { IExecuteFunctions } from 'n8n-workflow';

import { currentUserPath, forOperation, identityRequest, showFor } from '../common';
import { getApplicationCredentialId } from './get';
import { applicationCredentialLocator } from './shared';

export const description = forOperation(showFor('applicationCredential', 'delete'), [
	applicationCredentialLocator,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getApplicationCredentialId(this, itemIndex);
	await identityRequest(this, {
		method: 'DELETE',
		path: `${await currentUserPath(this)}/application_credentials/${encodeURIComponent(id)}`,
	});
	return { id, deleted: true };
}
