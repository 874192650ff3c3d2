import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { getPeriod, periodParameters } from '../period';
import { computeUsage } from './usage';

export const description = forOperation(showFor('compute', 'getUsage'), [
	...periodParameters,
	{
		displayName: 'Include Servers',
		name: 'includeServers',
		type: 'boolean',
		default: false,
		description: 'Whether to add the usage of each server (flavor, hours, state)',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await computeUsage(
		this,
		getPeriod(this, itemIndex),
		this.getNodeParameter('includeServers', itemIndex, false) as boolean,
	);
}
