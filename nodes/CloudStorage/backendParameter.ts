import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { BACKEND_OPTIONS, STORAGE_BACKENDS } from '../shared/storage/backends';

/** The backend picker and the credential each backend needs, both read from the backend registry. */
export const backendParameter: INodeProperties = {
	displayName: 'Backend',
	name: 'backend',
	type: 'options',
	noDataExpression: true,
	options: BACKEND_OPTIONS,
	default: 'local',
	description: 'Where the objects are stored; each backend has its own credential',
};

/** The credentials of every other backend, read from the backend registry. */
export const otherBackendCredentials: INodeCredentialDescription[] = STORAGE_BACKENDS.filter(
	(backend) => backend.value !== 'local',
).map((backend) => ({
	name: backend.credentialType,
	required: true,
	displayOptions: { show: { backend: [backend.value] } },
}));
