import type { INodeProperties } from 'n8n-workflow';

import { listLocator } from '../../../shared/node/description';

export interface KeystoneApplicationCredential {
	id: string;
	name: string;
	description?: string | null;
	project_id?: string;
	user_id?: string;
	roles?: Array<{ id?: string; name?: string }>;
	expires_at?: string | null;
	unrestricted?: boolean;
	access_rules?: unknown[];
	secret?: string;
}

export const applicationCredentialLocator: INodeProperties = listLocator({
	name: 'applicationCredential',
	displayName: 'Application Credential',
	description: 'The application credential, by ID',
	searchMethod: 'searchApplicationCredentials',
	placeholder: 'e.g. f37a55af0c3a459ca410f6a283357210',
	typedMode: 'id',
});

/** Keystone's record in the node's words; a secret only where Keystone just created it. */
export function describeApplicationCredential(credential: KeystoneApplicationCredential) {
	return {
		id: credential.id,
		name: credential.name,
		description: credential.description ?? undefined,
		projectId: credential.project_id,
		userId: credential.user_id,
		roles: (credential.roles ?? []).map((role) => role.name ?? role.id),
		expiresAt: credential.expires_at ? new Date(credential.expires_at).toISOString() : null,
		unrestricted: credential.unrestricted ?? false,
		...(credential.access_rules?.length ? { accessRules: credential.access_rules } : {}),
	};
}
