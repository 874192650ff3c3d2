import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';

export const description = [];

/** GET /api/v1/info: version, usage, uptime, record range and bucket defaults. */
export async function execute(this: IExecuteFunctions) {
	return await reductRequest(this, { path: '/info' });
}
