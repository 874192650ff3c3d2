import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as del from './delete';
import * as forget from './forget';
import * as get from './get';
import * as list from './list';
import * as resubscribe from './resubscribe';
import * as unsubscribe from './unsubscribe';
import * as update from './update';
import * as upsert from './upsert';

export const resource = { name: 'Subscriber', value: 'subscriber' };

export const operations = {
	delete: del,
	forget,
	get,
	list,
	resubscribe,
	unsubscribe,
	update,
	upsert,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'upsert',
		options: operationOptions(
			{ one: 'a subscriber', many: 'subscribers' },
			{
				delete: 'Remove a subscriber; Infomaniak keeps their data should they come back',
				get: 'Get a subscriber by ID or e-mail address',
			},
			[
				{
					name: 'Create or Update',
					value: 'upsert',
					action: 'Create or update a subscriber',
					description:
						'Create a new record, or update the current one if it already exists (upsert)',
				},
				{
					name: 'Forget (GDPR)',
					value: 'forget',
					action: 'Forget a subscriber',
					description: 'Erase a subscriber and all their data for good',
				},
				{ name: 'Get Many', value: 'list', action: 'Get many subscribers' },
				{
					name: 'Resubscribe',
					value: 'resubscribe',
					action: 'Resubscribe a subscriber',
					description: 'Make an unsubscribed subscriber active again',
				},
				{
					name: 'Unsubscribe',
					value: 'unsubscribe',
					action: 'Unsubscribe a subscriber',
					description: 'Stop sending anything to the subscriber (their lists are kept)',
				},
				{ name: 'Update', value: 'update', action: 'Update a subscriber' },
			],
		),
	},
	operations,
);
