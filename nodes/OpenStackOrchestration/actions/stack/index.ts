import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getTemplate from './getTemplate';
import * as list from './list';
import * as listEvents from './listEvents';
import * as listResources from './listResources';
import * as update from './update';

export const resource = { name: 'Stack', value: 'stack' };

export const operations = {
	create,
	delete: del,
	get,
	getTemplate,
	list,
	listEvents,
	listResources,
	update,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a stack', many: 'stacks' },
			{
				create:
					'Create a stack from a template (text or file), parameters and environment; waits until complete',
				delete: 'Delete a stack and its resources; optionally wait until it is gone',
				get: 'Get a stack with its outputs and parameters',
				list: "The project's stacks, filtered by name or status",
				update: 'Change the template, parameters or environment of a stack; waits until complete',
			},
			[
				{
					name: 'Get Events',
					value: 'listEvents',
					action: 'Get the events of a stack',
					description: 'What happened to the stack and its resources, newest first',
				},
				{
					name: 'Get Resources',
					value: 'listResources',
					action: 'Get the resources of a stack',
					description: 'The resources of a stack with their status',
				},
				{
					name: 'Get Template',
					value: 'getTemplate',
					action: 'Get the template of a stack',
					description: 'The template the stack was created or last updated from',
				},
			],
		),
	},
	operations,
);
