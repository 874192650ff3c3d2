import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { optionsParameter, readQueryParameters } from '../listing';
import { idParameters, notFoundHint, readRecordPath, readTarget } from '../target';

const displayOptions = showFor('resource', 'delete');

export const description = forOperation(displayOptions, [
	...idParameters(true),
	optionsParameter(false),
]);

/** DELETE one record: 204 without a body. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const record = readRecordPath(this, itemIndex, target, true);
	const qs = readQueryParameters(this, itemIndex);
	await cloudCixRequest(this, client, {
		method: 'DELETE',
		application: target.application,
		path: record.path,
		qs,
		notFoundHint: notFoundHint(record.id),
	});
	return { id: record.id ?? null, deleted: true };
}
