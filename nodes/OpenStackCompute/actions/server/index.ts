import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getConsoleLog from './getConsoleLog';
import * as list from './list';
import * as reboot from './reboot';
import * as start from './start';
import * as stop from './stop';

export const resource = { name: 'Server', value: 'server' };

export const operations = { create, delete: del, get, getConsoleLog, list, reboot, start, stop };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a server', many: 'servers' },
			{
				create: 'Create a server from an image and a flavor, optionally waiting until it is active',
				delete: 'Delete a server, optionally waiting until it is gone',
				get: 'Get a server by ID or name',
				list: 'List servers (filters: name, status, image, flavor)',
			},
			[
				{
					name: 'Get Console Log',
					value: 'getConsoleLog',
					action: 'Get the console log of a server',
					description: "The last lines of the server's console output",
				},
				{
					name: 'Reboot',
					value: 'reboot',
					action: 'Reboot a server',
					description: 'Soft or hard reboot',
				},
				{
					name: 'Start',
					value: 'start',
					action: 'Start a server',
					description: 'Start a stopped server',
				},
				{
					name: 'Stop',
					value: 'stop',
					action: 'Stop a server',
					description: 'Stop (shut off) a server',
				},
			],
		),
	},
	operations,
);
