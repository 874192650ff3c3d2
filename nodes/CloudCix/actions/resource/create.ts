import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { bodyParameters } from '../body';
import { optionsParameter } from '../listing';
import { unwrapContent } from './output';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'create');

export const description = forOperation(displayOptions, [
	...bodyParameters('create'),
	optionsParameter(false),
]);

/** POST to the service: 201 with the new record. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call } = recordCall(this, itemIndex, 'POST', { id: 'none', body: true });
	return unwrapContent(await cloudCixRequest(this, client, call));
}
