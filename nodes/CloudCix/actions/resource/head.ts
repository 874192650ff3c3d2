import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixHead, type CloudCixClient } from '../../transport';
import { optionsParameter, readQueryParameters } from '../listing';
import { idParameters, notFoundHint, readRecordPath, readTarget } from '../target';

const displayOptions = showFor('resource', 'head');

export const description = forOperation(displayOptions, [
	...idParameters(false),
	optionsParameter(false),
]);

/** HEAD a record (or the service): whether it exists, and the headers CloudCIX sends. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const record = readRecordPath(this, itemIndex, target, false);
	const qs = readQueryParameters(this, itemIndex);
	const response = await cloudCixHead(this, client, {
		method: 'HEAD',
		application: target.application,
		path: record.path,
		qs,
		notFoundHint: notFoundHint(record.id),
	});
	return {
		id: record.id ?? null,
		exists: response !== undefined,
		statusCode: response?.statusCode ?? 404,
		headers: response?.headers ?? {},
	};
}
