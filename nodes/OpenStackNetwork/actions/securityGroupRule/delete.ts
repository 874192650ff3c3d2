import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { UUID } from '../../../shared/openstack/resources/lookup';
import { forOperation, serviceRequest, showFor } from '../common';

export const description = forOperation(showFor('securityGroupRule', 'delete'), [
	{
		displayName: 'Rule ID',
		name: 'ruleId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2bc0accf-312e-429a-956e-e4407625eb62',
		description: "The ID of the rule (in the output of Add or of a security group's Get)",
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = String(this.getNodeParameter('ruleId', itemIndex, '')).trim();
	if (!UUID.test(id))
		throw parameterError(this.getNode(), 'Rule ID', `"${id}" is not a rule ID`, itemIndex);
	await serviceRequest(this, 'network', {
		method: 'DELETE',
		path: `/security-group-rules/${encodeURIComponent(id)}`,
	});
	return { id, deleted: true };
}
