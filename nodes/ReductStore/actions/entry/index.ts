import { resourceDescription } from '../../../shared/node/description';
import * as remove from './remove';
import * as rename from './rename';

export const resource = { name: 'Entry', value: 'entry' };

export const operations = { remove, rename };

export const description = resourceDescription(
	resource.value,
	{
		default: 'rename',
		options: [
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove an entry',
				description: 'Remove an entry and all its records',
			},
			{
				name: 'Rename',
				value: 'rename',
				action: 'Rename an entry',
				description: 'Rename an entry',
			},
		],
	},
	operations,
);
