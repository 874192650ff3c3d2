import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { optionsParameter } from '../listing';
import { idParameters } from '../target';
import { unwrapContent } from './output';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'read');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	optionsParameter(false),
]);

/** GET one record. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call } = recordCall(this, itemIndex, 'GET', { id: 'required' });
	return unwrapContent(await cloudCixRequest(this, client, call));
}
