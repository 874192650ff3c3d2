import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { withIsoDates } from '../../dates';
import { getTask, waitForTask, type NewsletterClient } from '../../transport';
import { readText } from '../../validation';
import { forOperation, readWait, showFor, waitOptions } from '../common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const description = forOperation(showFor('utility', 'getTask'), [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5cb09b3c-d03a-11eb-b8bc-0242ac130003',
		description: 'The UUID of an asynchronous task, as an import returns it',
	},
	...waitOptions,
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const taskId = readText(this, 'taskId', itemIndex, 'Task ID');
	if (!UUID.test(taskId))
		throw parameterError(
			this.getNode(),
			'taskId',
			`"${taskId}" is not a task UUID`,
			itemIndex,
			'Task ID',
		);
	const wait = readWait(this, itemIndex);
	const task =
		wait === undefined
			? await getTask(this, client, taskId, 'Task ID')
			: await waitForTask(this, client, taskId, wait, itemIndex, 'Task ID');
	return withIsoDates(task);
}
