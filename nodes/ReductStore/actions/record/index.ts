import { resourceDescription } from '../../../shared/node/description';
import * as query from './query';
import * as read from './read';
import * as remove from './remove';
import * as updateLabels from './updateLabels';
import * as write from './write';
import * as writeBatch from './writeBatch';

export const resource = { name: 'Record', value: 'record' };

export const operations = { query, read, remove, updateLabels, write, writeBatch };

export const description = resourceDescription(
	resource.value,
	{
		default: 'write',
		options: [
			{
				name: 'Query',
				value: 'query',
				action: 'Query records',
				description:
					'Get the records of a time range, optionally filtered by a condition, with their content',
			},
			{
				name: 'Read',
				value: 'read',
				action: 'Read a record',
				description: 'Read the latest record or the one at a timestamp',
			},
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove records',
				description: 'Remove one record, a time range or the records matching a condition',
			},
			{
				name: 'Update Labels',
				value: 'updateLabels',
				action: 'Update the labels of a record',
				description: 'Set or remove labels of a record',
			},
			{
				name: 'Write',
				value: 'write',
				action: 'Write a record',
				description: 'Write a record from a binary file, a text or JSON',
			},
			{
				name: 'Write Many (Batched)',
				value: 'writeBatch',
				action: 'Write many records in a batch',
				description: 'Write every input item as a record, in batched requests',
			},
		],
	},
	operations,
);
