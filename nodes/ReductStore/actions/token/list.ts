import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';

export const description = [];

/** GET /tokens: one item per token, with its permissions (never its value). */
export async function execute(this: IExecuteFunctions) {
	const { tokens } = await reductRequest<{ tokens?: IDataObject[] }>(this, { path: '/tokens' });
	return tokens ?? [];
}
