import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { blockStorageLimits } from '../blockStorage/limits';
import { currentProject, forOperation, hasService, showFor } from '../common';
import { computeLimits, computeUsage } from '../compute/usage';
import { networkQuotaUsage } from '../network/quotas';
import { describePeriod, getPeriod, periodParameters } from '../period';
import { objectStorageUsage } from './objectStorage';

export const description = forOperation(showFor('all', 'getAllUsage'), [...periodParameters]);

/** A section, or a plain note where the cloud's catalog has no such service. */
async function section(
	ctx: IExecuteFunctions,
	service: string,
	read: () => Promise<IDataObject>,
): Promise<IDataObject> {
	if (!(await hasService(ctx, service)))
		return { available: false, note: `The catalog has no "${service}" service` };
	return await read();
}

/** Every figure of the other operations in one item, read in parallel. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const period = getPeriod(this, itemIndex);
	const { projectId, projectName } = await currentProject(this);
	const strip = ({ projectId: _id, projectName: _name, period: _period, ...rest }: IDataObject) =>
		rest;
	const [usage, computeQuotas, blockStorage, network, objectStorage] = await Promise.all([
		section(this, 'compute', async () => await computeUsage(this, period, false)),
		section(this, 'compute', async () => await computeLimits(this)),
		section(this, 'block-storage', async () => await blockStorageLimits(this)),
		section(this, 'network', async () => await networkQuotaUsage(this)),
		section(this, 'object-store', async () => await objectStorageUsage(this)),
	]);
	return {
		projectId,
		projectName,
		period: describePeriod(period),
		generatedAt: new Date().toISOString(),
		compute: { usage: strip(usage), quotas: strip(computeQuotas) },
		blockStorage: strip(blockStorage),
		network: strip(network),
		objectStorage,
	};
}
