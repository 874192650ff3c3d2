import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';

export const resource = { name: 'Mutation Status', value: 'mutationStatus' };

export const operations = { get };

export const description = resourceDescription(
	resource.value,
	{
		default: 'get',
		options: operationOptions(
			{ one: 'a mutation status' },
			{
				get: 'Whether Coda has applied a queued write',
			},
		),
	},
	operations,
);
