import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { networkQuotaUsage } from './quotas';

export const description = forOperation(showFor('network', 'getQuotaUsage'), []);

export async function execute(this: IExecuteFunctions) {
	return await networkQuotaUsage(this);
}
