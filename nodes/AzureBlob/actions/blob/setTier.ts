import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { setAccessTier } from '../../../shared/storage/drivers/azure/blobs';
import type { AccessTier } from '../../../shared/storage/drivers/azure/names';
import { labelOf } from '../../../shared/node/errors';
import {
	NAMING,
	TIER_OPTIONS,
	blobLocator,
	containerLocator,
	forOperation,
	showFor,
} from '../common';

const displayOptions = showFor('blob', 'setTier');

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	{
		displayName: 'Access Tier',
		name: 'tier',
		type: 'options',
		options: TIER_OPTIONS,
		default: 'Cool',
		description: 'The tier to move the block blob to',
	},
	{
		displayName: 'Rehydrate Priority',
		name: 'rehydratePriority',
		type: 'options',
		options: [
			{ name: 'Standard', value: 'Standard', description: 'Up to 15 hours' },
			{
				name: 'High',
				value: 'High',
				description: 'Under an hour for small blobs, at a higher price',
			},
		],
		default: 'Standard',
		description: 'How fast a blob in the Archive tier is brought back online',
		displayOptions: { show: { tier: ['Hot', 'Cool', 'Cold'] } },
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const tier = this.getNodeParameter('tier', itemIndex) as AccessTier;
	const rehydratePriority = this.getNodeParameter('rehydratePriority', itemIndex, 'Standard') as
		'Standard' | 'High';
	return await setAccessTier(
		azure,
		container,
		blob,
		tier,
		{ rehydratePriority, tierParameter: 'tier', tierLabel: labelOf(this.getNode(), 'tier') },
		NAMING,
	);
}
