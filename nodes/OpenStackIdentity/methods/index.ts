import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { KeystoneApplicationCredential } from '../actions/applicationCredential/shared';
import { currentUserPath, identityRequest } from '../actions/common';
import type { KeystoneEc2Credential } from '../actions/ec2Credential/shared';

const matches = (filter: string | undefined, ...values: Array<string | undefined>) =>
	!filter || values.some((value) => value?.toLowerCase().includes(filter.toLowerCase()));

/** The current user's application credentials whose name or ID contains the filter. */
export async function searchApplicationCredentials(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { application_credentials: credentials } = await identityRequest<{
		application_credentials: KeystoneApplicationCredential[];
	}>(this, { path: `${await currentUserPath(this)}/application_credentials` });
	return {
		results: (credentials ?? [])
			.filter((credential) => matches(filter, credential.name, credential.id))
			.map((credential) => ({
				name: `${credential.name} (${credential.id})`,
				value: credential.id,
			})),
	};
}

/** The current user's EC2 credentials whose access key or project contains the filter. */
export async function searchEc2Credentials(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { credentials } = await identityRequest<{ credentials: KeystoneEc2Credential[] }>(this, {
		path: `${await currentUserPath(this)}/credentials/OS-EC2`,
	});
	return {
		results: (credentials ?? [])
			.filter((credential) => matches(filter, credential.access, credential.tenant_id))
			.map((credential) => ({
				name: `${credential.access} (project ${credential.tenant_id ?? '?'})`,
				value: credential.access,
			})),
	};
}

export const listSearch = { searchApplicationCredentials, searchEc2Credentials };
