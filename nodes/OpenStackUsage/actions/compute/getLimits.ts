import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { computeLimits } from './usage';

export const description = forOperation(showFor('compute', 'getLimits'), []);

export async function execute(this: IExecuteFunctions) {
	return await computeLimits(this);
}
