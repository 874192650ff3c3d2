import { resourceDescription } from '../../../shared/node/description';
import * as info from './info';
import * as listBuckets from './listBuckets';
import * as me from './me';

export const resource = { name: 'Server', value: 'server' };

export const operations = { info, listBuckets, me };

export const description = resourceDescription(
	resource.value,
	{
		default: 'info',
		options: [
			{
				name: 'Get Current Token',
				value: 'me',
				action: 'Get the current token',
				description: "Get the name and permissions of the credential's token",
			},
			{
				name: 'Get Info',
				value: 'info',
				action: 'Get server info',
				description: 'Get version, usage, uptime and bucket defaults',
			},
			{
				name: 'List Buckets',
				value: 'listBuckets',
				action: 'List buckets',
				description: 'List the buckets with their stats',
			},
		],
	},
	operations,
);
