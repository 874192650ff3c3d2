import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { listBuckets } from '../../../shared/storage/drivers/gcs/buckets';
import { forOperation, returnAllAndLimit, showFor } from '../common';

export const description = forOperation(showFor('bucket', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Prefix',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. reports-',
				description: 'Only list buckets whose names start with this',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const limit = getListLimit(this, itemIndex);
	const { prefix } = this.getNodeParameter('options', itemIndex, {}) as { prefix?: string };
	return await listBuckets(client, { limit, prefix: prefix?.trim() || undefined });
}
