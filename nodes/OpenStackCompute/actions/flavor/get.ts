import type { IExecuteFunctions } from 'n8n-workflow';

import { flavorFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { flavorLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, showFor } from '../common';
import { describeFlavor } from './describe';

export const description = forOperation(showFor('flavor', 'get'), [flavorLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return describeFlavor(await findFromParameter(this, itemIndex, 'flavor', 'Flavor', flavorFinder));
}
