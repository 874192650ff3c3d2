import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { listContainers } from '../../../shared/storage/drivers/swift/containers';
import { forOperation, returnAllAndLimit, showFor } from '../common';

export const description = forOperation(showFor('container', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. backup-',
		description: 'Only containers whose name starts with this',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const prefix = String(this.getNodeParameter('prefix', itemIndex, '')).trim();
	return await listContainers(swift, {
		prefix: prefix || undefined,
		limit: getListLimit(this, itemIndex),
	});
}
