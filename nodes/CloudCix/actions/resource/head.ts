import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixHead, type CloudCixClient } from '../../transport';
import { optionsParameter } from '../listing';
import { idParameters } from '../target';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'head');

export const description = forOperation(displayOptions, [
	...idParameters(false),
	optionsParameter(false),
]);

/** HEAD a record (or the service): whether it exists, and the headers CloudCIX sends. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call, id } = recordCall(this, itemIndex, 'HEAD', { id: 'optional' });
	const response = await cloudCixHead(this, client, call);
	return {
		id: id ?? null,
		exists: response !== undefined,
		statusCode: response?.statusCode ?? 404,
		headers: response?.headers ?? {},
	};
}
