import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { optionsParameter, readQueryParameters } from '../listing';
import { idParameters, notFoundHint, readRecordPath, readTarget } from '../target';
import { unwrapContent } from './output';

const displayOptions = showFor('resource', 'read');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	optionsParameter(false),
]);

/** GET one record. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const record = readRecordPath(this, itemIndex, target, true);
	const qs = readQueryParameters(this, itemIndex);
	const response = await cloudCixRequest(this, client, {
		method: 'GET',
		application: target.application,
		path: record.path,
		qs,
		notFoundHint: notFoundHint(record.id),
	});
	return unwrapContent(response);
}
