import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as copy from './copy';
import * as del from './delete';
import * as download from './download';
import * as get from './get';
import * as getSignedUrl from './getSignedUrl';
import * as list from './list';
import * as update from './update';
import * as upload from './upload';

export const resource = { name: 'Object', value: 'object' };

export const operations = { copy, delete: del, download, get, getSignedUrl, list, update, upload };

export const description = resourceDescription(
	resource.value,
	{
		default: 'upload',
		options: operationOptions(
			{ one: 'an object', many: 'objects' },
			{
				delete: 'Delete an object',
				list: 'List objects by prefix, optionally grouped by a delimiter',
			},
			[
				{
					name: 'Copy',
					value: 'copy',
					action: 'Copy an object',
					description: 'Copy an object within or across buckets, on the server',
				},
				{
					name: 'Download',
					value: 'download',
					action: 'Download an object',
					description: 'Download an object (or a byte range) to a binary property',
				},
				{
					name: 'Get Metadata',
					value: 'get',
					action: 'Get object metadata',
					description: 'Get size, hashes, content type, custom metadata and times',
				},
				{
					name: 'Get Signed URL',
					value: 'getSignedUrl',
					action: 'Get a signed URL',
					description: 'Get a v4 signed URL to download or upload the object',
				},
				{
					name: 'Update Metadata',
					value: 'update',
					action: 'Update object metadata',
					description: "Change an object's content headers and custom metadata",
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload an object',
					description: 'Upload a binary property as an object, streamed',
				},
			],
		),
	},
	operations,
);
