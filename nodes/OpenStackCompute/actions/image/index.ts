import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Image', value: 'image' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'an image', many: 'images' },
			{
				get: 'Get an image by ID or name',
				list: "List the images of the cloud's image service (Glance)",
			},
		),
	},
	operations,
);
