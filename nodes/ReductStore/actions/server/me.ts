import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';

export const description = [];

/** GET /api/v1/me: name, permissions and expiry of the credential's token. */
export async function execute(this: IExecuteFunctions) {
	return await reductRequest(this, { path: '/me' });
}
