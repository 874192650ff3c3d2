import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
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

interface HeatValidation {
	Description?: string;
	Parameters?: Record<string, IDataObject>;
	ParameterGroups?: IDataObject[];
}

export const description = forOperation(showFor('template', 'validate'), [
	...templateParameters,
	...parametersParameters,
	collection('Options', [environmentOption]),
]);

/** Heat's validation: nothing is created; an invalid template fails with Heat's reason. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const template = await readTemplate(this, itemIndex);
	const body: IDataObject = { template: template.template };
	const parameters = readParameters(this, itemIndex);
	if (parameters) body.parameters = parameters;
	const environment = readEnvironment(this, itemIndex);
	if (environment !== undefined) body.environment = environment;
	let validation: HeatValidation;
	try {
		validation = await heatRequest<HeatValidation>(this, {
			method: 'POST',
			path: '/validate',
			body,
			retrySafe: true,
		});
	} catch (error) {
		throw await heatRefusal(this, error, itemIndex, template);
	}
	return {
		valid: true,
		description: validation.Description ?? null,
		parameters: validation.Parameters ?? {},
		parameterGroups: validation.ParameterGroups ?? [],
	};
}
