import type { IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { securityGroupLocator } from '../../../shared/openstack/resources/locators';
import { securityGroupFinder } from '../../../shared/openstack/resources/network';
import { forOperation, serviceRequest, showFor } from '../common';

export const description = forOperation(showFor('securityGroup', 'delete'), [
	securityGroupLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const group = await findFromParameter(
		this,
		itemIndex,
		'securityGroup',
		'Security Group',
		securityGroupFinder,
	);
	await serviceRequest(this, 'network', {
		method: 'DELETE',
		path: `/security-groups/${encodeURIComponent(group.id)}`,
	});
	return { id: group.id, name: group.name, deleted: true };
}
