import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';

export const resource = { name: 'Mutation Status', value: 'mutationStatus' };

export const operations = { get };

export const description = resourceDescription(
	resource.value,
	{
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a mutation status',
				description: 'Whether Coda has applied a queued write',
			},
		],
	},
	operations,
);
