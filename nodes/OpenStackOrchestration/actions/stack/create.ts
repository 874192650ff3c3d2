import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import { describeStack, getStack, stackRef } from '../../stacks';
import {
	environmentOption,
	heatRefusal,
	parametersParameters,
	readEnvironment,
	readParameters,
	readTemplate,
	templateParameters,
} from '../../template';
import { heatRequest } from '../../transport';
import { waitForStack, waitTimeoutOption, waitUntilCompleteParameter } from '../../waiting';

/** Heat: a letter first, then letters, digits, "_", "-" and "."; at most 255 characters. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;

export const timeoutOption = {
	displayName: 'Timeout (Minutes)',
	name: 'timeoutMinutes',
	type: 'number' as const,
	typeOptions: { minValue: 1 },
	default: 60,
	description: 'After how long Heat itself gives the operation up as failed',
};

export const tagsOption = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. production, web',
	description: 'Tags for the stack, separated by commas',
};

export const description = forOperation(showFor('stack', 'create'), [
	{
		displayName: 'Stack Name',
		name: 'stackName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. web-tier',
		description: 'Unique in the project: a letter first, then letters, digits, "_", "-" and "."',
	},
	...templateParameters,
	...parametersParameters,
	waitUntilCompleteParameter,
	collection('Options', [
		environmentOption,
		{
			displayName: 'Rollback on Failure',
			name: 'rollback',
			type: 'boolean',
			default: false,
			description:
				'Whether Heat deletes what it created when the creation fails (else the failed stack stays, to inspect)',
		},
		tagsOption,
		timeoutOption,
		waitTimeoutOption,
	]),
]);

/** Timeout, tags and rollback from the options, as Heat's fields. */
export function stackOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (options.timeoutMinutes !== undefined) {
		body.timeout_mins = getInteger(ctx, 'options.timeoutMinutes', itemIndex, {
			min: 1,
			label: 'Timeout (Minutes)',
		});
	}
	if (options.tags !== undefined) {
		body.tags = String(options.tags)
			.split(',')
			.map((tag) => tag.trim())
			.filter(Boolean)
			.join(',');
	}
	if (options.rollback !== undefined) body.disable_rollback = options.rollback !== true;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('stackName', itemIndex, '')).trim();
	if (!STACK_NAME.test(name)) {
		throw parameterError(
			this.getNode(),
			'stackName',
			name
				? `"${name}" is not a stack name Heat accepts (a letter first, then letters, digits, "_", "-" and "."; at most 255 characters)`
				: 'it must not be empty',
			itemIndex,
			'Stack Name',
		);
	}
	const template = await readTemplate(this, itemIndex);
	const body: IDataObject = {
		stack_name: name,
		template: template.template,
		disable_rollback: true,
		...stackOptions(this, itemIndex),
	};
	const parameters = readParameters(this, itemIndex);
	if (parameters) body.parameters = parameters;
	const environment = readEnvironment(this, itemIndex);
	if (environment !== undefined) body.environment = environment;

	let created: { stack: { id: string } };
	try {
		created = await heatRequest<{ stack: { id: string } }>(this, {
			method: 'POST',
			path: '/stacks',
			body,
		});
	} catch (error) {
		throw await heatRefusal(this, error, itemIndex, template);
	}
	const ref = stackRef({ id: created.stack.id, stack_name: name });
	if (this.getNodeParameter('waitUntilComplete', itemIndex, true) as boolean) {
		await waitForStack(this, itemIndex, ref, 'CREATE');
	}
	return describeStack(await getStack(this, ref));
}
