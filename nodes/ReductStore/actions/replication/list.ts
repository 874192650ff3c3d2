import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';

export const description = [];

/** GET /replications: one item per task, with its mode, state and pending records. */
export async function execute(this: IExecuteFunctions) {
	const { replications } = await reductRequest<{ replications?: IDataObject[] }>(this, {
		path: '/replications',
	});
	return replications ?? [];
}
