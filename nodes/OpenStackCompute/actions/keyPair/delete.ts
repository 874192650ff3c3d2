import type { IExecuteFunctions } from 'n8n-workflow';

import { keyPairFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { keyPairLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, KEYPAIR_MICROVERSION, serviceRequest, showFor } from '../common';

export const description = forOperation(showFor('keyPair', 'delete'), [keyPairLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { name } = await findFromParameter(this, itemIndex, 'keyPair', 'Key Pair', keyPairFinder);
	await serviceRequest(this, 'compute', {
		method: 'DELETE',
		path: `/os-keypairs/${encodeURIComponent(name)}`,
		microversion: KEYPAIR_MICROVERSION,
	});
	return { name, deleted: true };
}
