import { resourceDescription } from '../../../shared/node/description';
import * as validate from './validate';

export const resource = { name: 'Template', value: 'template' };

export const operations = { validate };

export const description = resourceDescription(
	resource.value,
	{
		default: 'validate',
		options: [
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate a template',
				description:
					"Check a template with Heat without creating anything: its parameters and description, or Heat's reason it is invalid",
			},
		],
	},
	operations,
);
