import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLocator } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import { getLocatorValue } from '../../../shared/node/parameters';

export interface KeystoneEc2Credential {
	user_id?: string;
	tenant_id?: string;
	access: string;
	secret?: string;
	trust_id?: string | null;
}

export const ec2CredentialLocator: INodeProperties = listLocator({
	name: 'ec2Credential',
	displayName: 'EC2 Credential',
	description: 'The EC2 credential, by its access key',
	searchMethod: 'searchEc2Credentials',
	placeholder: 'e.g. 8f3c1d6b2e8a4f0c9b7d5e3a1c2b4d6f',
	typedMode: 'id',
});

export function getAccessKey(ctx: IExecuteFunctions, itemIndex: number): string {
	const access = getLocatorValue(ctx, 'ec2Credential', itemIndex);
	if (!/^[0-9a-zA-Z_-]{1,128}$/.test(access)) {
		throw parameterError(
			ctx.getNode(),
			'EC2 Credential',
			`"${access}" is not an access key`,
			itemIndex,
		);
	}
	return access;
}

/** A listed credential: its access key and project, never its secret. */
export function describeEc2Credential(credential: KeystoneEc2Credential) {
	return {
		access: credential.access,
		projectId: credential.tenant_id,
		userId: credential.user_id,
		trustId: credential.trust_id ?? null,
	};
}
