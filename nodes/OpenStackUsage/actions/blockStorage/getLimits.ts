import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { blockStorageLimits } from './limits';

export const description = forOperation(showFor('blockStorage', 'getLimits'), []);

export async function execute(this: IExecuteFunctions) {
	return await blockStorageLimits(this);
}
