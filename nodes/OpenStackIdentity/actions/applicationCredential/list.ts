import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import {
	currentUserPath,
	forOperation,
	identityRequest,
	limited,
	returnAllAndLimit,
	showFor,
} from '../common';
import { describeApplicationCredential, type KeystoneApplicationCredential } from './shared';

export const description = forOperation(showFor('applicationCredential', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Only the application credential with this exact name',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const { application_credentials: credentials } = await identityRequest<{
		application_credentials: KeystoneApplicationCredential[];
	}>(this, {
		path: `${await currentUserPath(this)}/application_credentials`,
		qs: name ? { name } : undefined,
	});
	return limited(credentials ?? [], getListLimit(this, itemIndex)).map(
		describeApplicationCredential,
	);
}
