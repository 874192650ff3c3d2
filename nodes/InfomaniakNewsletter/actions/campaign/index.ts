import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as cancelSchedule from './cancelSchedule';
import * as create from './create';
import * as del from './delete';
import * as duplicate from './duplicate';
import * as get from './get';
import * as getStatistics from './getStatistics';
import * as list from './list';
import * as schedule from './schedule';
import * as sendNow from './sendNow';
import * as sendTest from './sendTest';
import * as update from './update';

export const resource = { name: 'Campaign', value: 'campaign' };

export const operations = {
	cancelSchedule,
	create,
	delete: del,
	duplicate,
	get,
	getStatistics,
	list,
	schedule,
	sendNow,
	sendTest,
	update,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'create',
		options: operationOptions(
			{ one: 'a campaign', many: 'campaigns' },
			{
				create: 'Create a draft campaign: subject, sender, content, recipients',
			},
			[
				{
					name: 'Cancel Scheduled Send',
					value: 'cancelSchedule',
					action: 'Cancel a scheduled campaign',
					description: 'Stop a scheduled campaign from being sent',
				},
				{ name: 'Delete', value: 'delete', action: 'Delete a campaign' },
				{
					name: 'Duplicate',
					value: 'duplicate',
					action: 'Duplicate a campaign',
					description: 'Copy a campaign into a new draft',
				},
				{ name: 'Get', value: 'get', action: 'Get a campaign' },
				{ name: 'Get Many', value: 'list', action: 'Get many campaigns' },
				{
					name: 'Get Statistics',
					value: 'getStatistics',
					action: 'Get the statistics of a campaign',
					description: 'Figures, link clicks, recipient activity or raw tracking events',
				},
				{
					name: 'Schedule',
					value: 'schedule',
					action: 'Schedule a campaign',
					description: 'Have the campaign sent at a date and time',
				},
				{
					name: 'Send Now',
					value: 'sendNow',
					action: 'Send a campaign now',
					description: 'Send the campaign to its recipients at once',
				},
				{
					name: 'Send Test',
					value: 'sendTest',
					action: 'Send a test of a campaign',
					description: 'Send the campaign to one address, for proofreading',
				},
				{ name: 'Update', value: 'update', action: 'Update a campaign' },
			],
		),
	},
	operations,
);
