import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Image', value: 'image' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an image',
				description: 'Get an image by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many images',
				description: "List the images of the cloud's image service (Glance)",
			},
		],
	},
	operations,
);
