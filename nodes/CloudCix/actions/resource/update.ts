import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { bodyParameters } from '../body';
import { optionsParameter } from '../listing';
import { idParameters } from '../target';
import { unwrapContent } from './output';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'update');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	...bodyParameters('replace the record with (every field the service requires)'),
	optionsParameter(false),
]);

/** PUT: the whole record; CloudCIX validates every field as on Create. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call } = recordCall(this, itemIndex, 'PUT', { id: 'required', body: true });
	return unwrapContent(await cloudCixRequest(this, client, call));
}
