import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getTokenName, tokenName, tokenPath } from './common';

export const description = forOperation(showFor('token', 'remove'), [tokenName]);

/** DELETE /tokens/:name: the token stops working at once. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getTokenName(this, itemIndex);
	await reductRequest(this, { method: 'DELETE', path: tokenPath(name) });
	return { name, removed: true };
}
