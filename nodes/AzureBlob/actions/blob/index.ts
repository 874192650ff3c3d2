import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as copy from './copy';
import * as del from './delete';
import * as download from './download';
import * as get from './get';
import * as getSasUrl from './getSasUrl';
import * as list from './list';
import * as setTier from './setTier';
import * as upload from './upload';

export const resource = { name: 'Blob', value: 'blob' };

export const operations = { copy, delete: del, download, get, getSasUrl, list, setTier, upload };

export const description = resourceDescription(
	resource.value,
	{
		default: 'upload',
		options: operationOptions(
			{ one: 'a blob', many: 'blobs' },
			{
				delete: 'Delete a blob, with or without its snapshots',
				list: 'List blobs by prefix, optionally by hierarchy',
			},
			[
				{
					name: 'Copy',
					value: 'copy',
					action: 'Copy a blob',
					description: 'Copy a blob server-side, from this account or from a URL',
				},
				{
					name: 'Download',
					value: 'download',
					action: 'Download a blob',
					description: 'Download a blob (or a byte range) to a binary property',
				},
				{
					name: 'Generate SAS URL',
					value: 'getSasUrl',
					action: 'Generate a SAS URL',
					description: 'Make a URL that grants access to one blob until it expires',
				},
				{
					name: 'Get Properties',
					value: 'get',
					action: 'Get blob properties',
					description: 'Get size, MD5, content type, tier, metadata and tags',
				},
				{
					name: 'Set Access Tier',
					value: 'setTier',
					action: 'Set the access tier of a blob',
					description: 'Move a blob to the Hot, Cool, Cold or Archive tier',
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload a blob',
					description: 'Upload a binary property as a block blob',
				},
			],
		),
	},
	operations,
);
