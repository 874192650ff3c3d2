import { picker } from '../../shared/node/pickers';
import type { KeystoneApplicationCredential } from '../actions/applicationCredential/shared';
import { currentUserPath, identityRequest } from '../actions/common';
import type { KeystoneEc2Credential } from '../actions/ec2Credential/shared';

/** The current user's application credentials whose name or ID contains the filter. */
export const searchApplicationCredentials = picker<KeystoneApplicationCredential>({
	page: async (ctx) => {
		const { application_credentials: credentials } = await identityRequest<{
			application_credentials: KeystoneApplicationCredential[];
		}>(ctx, { path: `${await currentUserPath(ctx)}/application_credentials` });
		return { items: credentials ?? [] };
	},
	searchIn: (credential) => [credential.name, credential.id],
	result: (credential) => ({ name: `${credential.name} (${credential.id})`, value: credential.id }),
});

/** The current user's EC2 credentials whose access key or project contains the filter. */
export const searchEc2Credentials = picker<KeystoneEc2Credential>({
	page: async (ctx) => {
		const { credentials } = await identityRequest<{ credentials: KeystoneEc2Credential[] }>(ctx, {
			path: `${await currentUserPath(ctx)}/credentials/OS-EC2`,
		});
		return { items: credentials ?? [] };
	},
	searchIn: (credential) => [credential.access, credential.tenant_id],
	result: (credential) => ({
		name: `${credential.access} (project ${credential.tenant_id ?? '?'})`,
		value: credential.access,
	}),
});

export const listSearch = { searchApplicationCredentials, searchEc2Credentials };
