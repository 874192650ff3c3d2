import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getTokenName, tokenName, tokenPath } from './common';

export const description = forOperation(showFor('token', 'rotate'), [tokenName]);

/** POST /tokens/:name/rotate: a new secret value; the old one stops working at once. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getTokenName(this, itemIndex);
	const result = await reductRequest<{ value: string; created_at?: string }>(this, {
		method: 'POST',
		path: `${tokenPath(name)}/rotate`,
	});
	return { name, value: result.value, createdAt: result.created_at };
}
