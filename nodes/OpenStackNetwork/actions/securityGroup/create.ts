import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { forOperation, serviceRequest, showFor, tidy } from '../common';

export const description = forOperation(showFor('securityGroup', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ssh-only',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
]);

/** A new group allows all outgoing traffic and nothing incoming: add rules for what comes in. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) throw parameterError(this.getNode(), 'Name', 'it must not be empty', itemIndex);
	if (name.length > 255)
		throw parameterError(this.getNode(), 'Name', 'it is longer than 255 characters', itemIndex);
	const group: IDataObject = { name };
	const text = String(this.getNodeParameter('description', itemIndex, '')).trim();
	if (text) group.description = text;
	const { security_group: created } = await serviceRequest<{ security_group: IDataObject }>(
		this,
		'network',
		{ method: 'POST', path: '/security-groups', body: { security_group: group } },
	);
	return tidy(created);
}
