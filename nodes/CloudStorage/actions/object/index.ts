import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as copy from './copy';
import * as del from './delete';
import * as deleteMany from './deleteMany';
import * as download from './download';
import * as getMetadata from './getMetadata';
import * as getUrl from './getUrl';
import * as list from './list';
import * as upload from './upload';

export const resource = { name: 'Object', value: 'object' };

export const operations = {
	copy,
	delete: del,
	deleteMany,
	download,
	getMetadata,
	getUrl,
	list,
	upload,
};

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
					description: 'Copy an object within or across containers',
				},
				{
					name: 'Delete Many',
					value: 'deleteMany',
					action: 'Delete many objects',
					description: 'Delete several objects, reporting each key',
				},
				{
					name: 'Download',
					value: 'download',
					action: 'Download an object',
					description: 'Download an object (or a byte range) to a binary property',
				},
				{
					name: 'Get Metadata',
					value: 'getMetadata',
					action: 'Get object metadata',
					description: 'Get size, MD5, content type, metadata and modification time',
				},
				{
					name: 'Get URL',
					value: 'getUrl',
					action: 'Get an object URL',
					description: 'Get a signed URL to download or upload the object',
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload an object',
					description: 'Upload a binary property as an object',
				},
			],
		),
	},
	operations,
);
