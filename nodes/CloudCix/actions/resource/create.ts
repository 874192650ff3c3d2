import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { bodyParameters, readBody } from '../body';
import { optionsParameter, readQueryParameters } from '../listing';
import { notFoundHint, readTarget } from '../target';
import { unwrapContent } from './output';

const displayOptions = showFor('resource', 'create');

export const description = forOperation(displayOptions, [
	...bodyParameters('create'),
	optionsParameter(false),
]);

/** POST to the service: 201 with the new record. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const body = readBody(this, itemIndex);
	const qs = readQueryParameters(this, itemIndex);
	const response = await cloudCixRequest(this, client, {
		method: 'POST',
		application: target.application,
		path: target.path,
		body,
		qs,
		notFoundHint: notFoundHint(undefined),
	});
	return unwrapContent(response);
}
