import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as copy from './copy';
import * as del from './delete';
import * as deleteMany from './deleteMany';
import * as download from './download';
import * as getMetadata from './getMetadata';
import * as getTags from './getTags';
import * as list from './list';
import * as presign from './presign';
import * as setTags from './setTags';
import * as upload from './upload';
import * as uploadData from './uploadData';

export const resource = { name: 'Object', value: 'object' };

export const operations = {
	copy,
	delete: del,
	deleteMany,
	download,
	getMetadata,
	getTags,
	list,
	presign,
	setTags,
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
				delete: 'Delete an object; one that does not exist is an error, never reported deleted',
				list: 'List objects by prefix, delimiter and start-after, over every page',
			},
			[
				{
					name: 'Copy',
					value: 'copy',
					action: 'Copy an object',
					description: 'Copy an object server-side, within or across buckets (any size)',
				},
				{
					name: 'Delete Many',
					value: 'deleteMany',
					action: 'Delete many objects',
					description:
						'Delete up to thousands of objects, 1,000 per request, reporting each key (a missing one as not deleted)',
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
					description: 'Get size, ETag, content type, user metadata and storage class',
				},
				{
					name: 'Get Presigned URL',
					value: 'presign',
					action: 'Get a presigned URL',
					description:
						'Get a URL that lets anyone download (GET) or upload (PUT) the object for a while',
				},
				{
					name: 'Get Tags',
					value: 'getTags',
					action: 'Get object tags',
					description: 'Get the tags of an object',
				},
				{
					name: 'Set Tags',
					value: 'setTags',
					action: 'Set object tags',
					description: 'Replace the tags of an object',
				},
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload an object',
					description: 'Upload a binary property, streamed; multipart above the part size',
				},
				{
					name: 'Upload Data',
					value: 'uploadData',
					action: 'Upload text or JSON',
					description: 'Store text or a JSON value as an object',
				},
			],
		),
	},
	operations,
);
