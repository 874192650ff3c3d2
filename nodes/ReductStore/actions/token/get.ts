import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getTokenName, tokenName, tokenPath } from './common';

export const description = forOperation(showFor('token', 'get'), [tokenName]);

/** GET /tokens/:name: permissions, creation and expiry (never the value). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await reductRequest(this, { path: tokenPath(getTokenName(this, itemIndex)) });
}
