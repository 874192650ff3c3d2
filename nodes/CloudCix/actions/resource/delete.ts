import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { optionsParameter } from '../listing';
import { idParameters } from '../target';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'delete');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	optionsParameter(false),
]);

/** DELETE one record: 204 without a body. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call, id } = recordCall(this, itemIndex, 'DELETE', { id: 'required' });
	await cloudCixRequest(this, client, call);
	return { id: id ?? null, deleted: true };
}
