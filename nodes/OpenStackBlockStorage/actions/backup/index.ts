import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Backup', value: 'backup' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ many: 'volume backups' },
			{
				list: 'List volume backups (filter: volume)',
			},
		),
	},
	operations,
);
