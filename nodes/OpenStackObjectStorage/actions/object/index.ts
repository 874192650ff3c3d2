import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as copy from './copy';
import * as del from './delete';
import * as deleteMany from './deleteMany';
import * as download from './download';
import * as get from './get';
import * as getTempUrl from './getTempUrl';
import * as list from './list';
import * as update from './update';
import * as upload from './upload';
import * as uploadData from './uploadData';

export const resource = { name: 'Object', value: 'object' };

export const operations = {
	copy,
	delete: del,
	deleteMany,
	download,
	get,
	getTempUrl,
	list,
	update,
	upload,
	uploadData,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'upload',
		options: operationOptions(
			{ one: 'an object', many: 'objects' },
			{
				delete: 'Delete an object (a large object with its segments)',
				list: 'List the objects of a container (prefix, delimiter)',
			},
			[
				{
					name: 'Copy',
					value: 'copy',
					action: 'Copy an object',
					description: 'Copy an object on the server, within or across containers',
				},
				{
					name: 'Delete Many',
					value: 'deleteMany',
					action: 'Delete many objects',
					description: 'Delete objects with bulk deletes, a result per name',
				},
				{
					name: 'Download',
					value: 'download',
					action: 'Download an object',
					description: 'Download an object (or a byte range of it) as binary data',
				},
				{
					name: 'Get Metadata',
					value: 'get',
					action: 'Get object metadata',
					description: 'Size, MD5, content type, metadata and expiry of an object',
				},
				{
					name: 'Get Temporary URL',
					value: 'getTempUrl',
					action: 'Get a temporary URL',
					description:
						'A signed URL to download or upload one object without a token, until it expires',
				},
				{
					name: 'Update Metadata',
					value: 'update',
					action: 'Update object metadata',
					description: 'Set or remove metadata entries, or change the content type',
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload an object',
					description: 'Upload a file from a binary field; large files as a Static Large Object',
				},
				{
					name: 'Upload Text or JSON',
					value: 'uploadData',
					action: 'Upload text or JSON',
					description: 'Store text or JSON typed in the node as an object',
				},
			],
		),
	},
	operations,
);
