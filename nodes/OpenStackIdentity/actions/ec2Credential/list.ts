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
import { describeEc2Credential, type KeystoneEc2Credential } from './shared';

export const description = forOperation(showFor('ec2Credential', 'list'), [...returnAllAndLimit]);

/** The user's EC2 credentials: access keys and projects (secrets are not output). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { credentials } = await identityRequest<{ credentials: KeystoneEc2Credential[] }>(this, {
		path: `${await currentUserPath(this)}/credentials/OS-EC2`,
	});
	return limited(credentials ?? [], getListLimit(this, itemIndex)).map(describeEc2Credential);
}
