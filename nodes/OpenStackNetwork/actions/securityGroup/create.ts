import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, serviceRequest, showFor, tidy } from '../common';
import { requiredName } from '../../../shared/openstack/resources/parameters';

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
	const name = requiredName(this, itemIndex);
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
