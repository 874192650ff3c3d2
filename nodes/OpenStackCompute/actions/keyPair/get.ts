import type { IExecuteFunctions } from 'n8n-workflow';

import { keyPairFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { keyPairLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, showFor } from '../common';
import { describeKeyPair } from './describe';

export const description = forOperation(showFor('keyPair', 'get'), [keyPairLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return describeKeyPair(
		await findFromParameter(this, itemIndex, 'keyPair', 'Key Pair', keyPairFinder),
	);
}
