import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import { parameterError } from '../../../shared/node/errors';
import { currentUserPath, forOperation, identityRequest, showFor } from '../common';
import {
	applicationCredentialLocator,
	describeApplicationCredential,
	type KeystoneApplicationCredential,
} from './shared';

export const description = forOperation(showFor('applicationCredential', 'get'), [
	applicationCredentialLocator,
]);

export function getApplicationCredentialId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = getLocatorValue(ctx, 'applicationCredential', itemIndex);
	if (!/^[0-9a-zA-Z-]{1,64}$/.test(id)) {
		throw parameterError(
			ctx.getNode(),
			'Application Credential',
			`"${id}" is not an application credential ID`,
			itemIndex,
		);
	}
	return id;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getApplicationCredentialId(this, itemIndex);
	const { application_credential: credential } = await identityRequest<{
		application_credential: KeystoneApplicationCredential;
	}>(this, {
		path: `${await currentUserPath(this)}/application_credentials/${encodeURIComponent(id)}`,
	});
	return describeApplicationCredential(credential);
}
