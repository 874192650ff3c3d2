import type { IExecuteFunctions } from 'n8n-workflow';

import { securityGroupLocator } from '../../../shared/openstack/resources/locators';
import { securityGroupFinder } from '../../../shared/openstack/resources/network';
import { forOperation, showFor, tidy } from '../common';
import { findFresh } from '../find';

export const description = forOperation(showFor('securityGroup', 'get'), [securityGroupLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return tidy(
		await findFresh(this, itemIndex, 'securityGroup', 'Security Group', securityGroupFinder, {
			service: 'network',
			path: '/security-groups',
			singular: 'security_group',
		}),
	);
}
