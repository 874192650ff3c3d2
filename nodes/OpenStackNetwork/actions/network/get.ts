import type { IExecuteFunctions } from 'n8n-workflow';

import { networkLocator } from '../../../shared/openstack/resources/locators';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, showFor, tidy } from '../common';
import { findFresh } from '../find';

export const description = forOperation(showFor('network', 'get'), [networkLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return tidy(
		await findFresh(this, itemIndex, 'network', 'Network', networkFinder, {
			service: 'network',
			path: '/networks',
			singular: 'network',
		}),
	);
}
