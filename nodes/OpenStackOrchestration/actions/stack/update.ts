import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import { requireChange } from '../../../shared/node/errors';
import { describeStack, getStack, resolveStack, stackLocator } from '../../stacks';
import {
	environmentOption,
	heatRefusal,
	parametersParameters,
	readEnvironment,
	readParameters,
	readTemplate,
	updateTemplateParameters,
} from '../../template';
import { heatRequest } from '../../transport';
import { waitForStack, waitTimeoutOption, waitUntilCompleteParameter } from '../../waiting';
import { stackOptions, tagsOption, timeoutOption } from './create';

export const description = forOperation(showFor('stack', 'update'), [
	stackLocator,
	...updateTemplateParameters,
	{
		...parametersParameters[0],
		description:
			"How to give values for the template's parameters; parameters not given keep their current values",
	},
	...parametersParameters.slice(1),
	waitUntilCompleteParameter,
	collection('Options', [
		environmentOption,
		{
			displayName: 'Reset Parameters',
			name: 'resetParameters',
			type: 'string',
			default: '',
			placeholder: 'e.g. flavor, count',
			description: "Parameters, separated by commas, that go back to the template's defaults",
		},
		{
			displayName: 'Rollback on Failure',
			name: 'rollback',
			type: 'boolean',
			default: false,
			description: 'Whether Heat returns the stack to its previous state when the update fails',
		},
		tagsOption,
		timeoutOption,
		waitTimeoutOption,
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const template = await readTemplate(this, itemIndex);
	const body: IDataObject = { ...stackOptions(this, itemIndex) };
	if (template.template !== undefined) body.template = template.template;
	const parameters = readParameters(this, itemIndex);
	if (parameters) body.parameters = parameters;
	const environment = readEnvironment(this, itemIndex);
	if (environment !== undefined) body.environment = environment;
	const reset = String(this.getNodeParameter('options.resetParameters', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (reset.length > 0) body.clear_parameters = reset;
	requireChange(
		this,
		body,
		itemIndex,
		'templateSource',
		'with "Keep Current Template", give parameters, an environment or an option to change',
		'Template Source',
	);
	const ref = await resolveStack(this, itemIndex);
	const before = await getStack(this, ref);
	try {
		// PATCH: what is not given (template, parameters, environment) stays as it is.
		await heatRequest(this, { method: 'PATCH', path: ref.path, body });
	} catch (error) {
		throw await heatRefusal(this, error, itemIndex, template);
	}
	if (this.getNodeParameter('waitUntilComplete', itemIndex, true) as boolean) {
		await waitForStack(this, itemIndex, ref, 'UPDATE', before.updated_time);
	}
	return describeStack(await getStack(this, ref));
}
