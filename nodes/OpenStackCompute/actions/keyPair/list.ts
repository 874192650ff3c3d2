import type { IExecuteFunctions } from 'n8n-workflow';

import type { NovaKeyPair } from '../../../shared/openstack/resources/compute';
import {
	forOperation,
	KEYPAIR_MICROVERSION,
	listResources,
	returnAllAndLimit,
	showFor,
} from '../common';
import { describeKeyPair } from './describe';

export const description = forOperation(showFor('keyPair', 'list'), [...returnAllAndLimit]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await listResources<{ keypair: NovaKeyPair }>(this, itemIndex, {
		service: 'compute',
		call: { path: '/os-keypairs', microversion: KEYPAIR_MICROVERSION },
		itemsKey: 'keypairs',
		markerOf: (entry) => entry.keypair?.name,
		describe: (entry) => describeKeyPair(entry.keypair),
	});
}
