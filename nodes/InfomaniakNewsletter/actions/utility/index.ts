import { resourceDescription } from '../../../shared/node/description';
import * as getCreditMovements from './getCreditMovements';
import * as getCredits from './getCredits';
import * as getTask from './getTask';

export const resource = {
	name: 'Utility',
	value: 'utility',
	description: 'Credits and background tasks',
};

export const operations = { getCreditMovements, getCredits, getTask };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getCredits',
		options: [
			{
				name: 'Get Credit Balance',
				value: 'getCredits',
				action: 'Get the credit balance',
				description: 'How many e-mails the domain can still send',
			},
			{
				name: 'Get Credit Movements',
				value: 'getCreditMovements',
				action: 'Get the credit movements',
				description: 'Credits bought and spent',
			},
			{
				name: 'Get Task',
				value: 'getTask',
				action: 'Get an asynchronous task',
				description: 'The status of a background task (an import), optionally waiting for its end',
			},
		],
	},
	operations,
);
