import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';

export const description = [];

/** GET /api/v1/list: one item per bucket the token can read. */
export async function execute(this: IExecuteFunctions) {
	const { buckets } = await reductRequest<{ buckets?: IDataObject[] }>(this, { path: '/list' });
	return buckets ?? [];
}
