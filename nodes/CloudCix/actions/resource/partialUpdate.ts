import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { bodyParameters } from '../body';
import { optionsParameter } from '../listing';
import { idParameters } from '../target';
import { unwrapContent } from './output';
import { recordCall } from './record';

const displayOptions = showFor('resource', 'partialUpdate');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	...bodyParameters('change (only these fields are sent and changed)'),
	optionsParameter(false),
]);

/** PATCH: only the given fields; CloudCIX leaves the others as they are. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const { call } = recordCall(this, itemIndex, 'PATCH', { id: 'required', body: true });
	return unwrapContent(await cloudCixRequest(this, client, call));
}
