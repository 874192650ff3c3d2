import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { cloudCixRequest, type CloudCixClient } from '../../transport';
import { readBody } from '../body';
import { readQueryParameters } from '../listing';
import { notFoundHint, readRecordPath, readTarget } from '../target';
import { unwrapContent } from './output';

/** PUT (Update) or PATCH (Partial Update) of one record, with the data of the node. */
export async function writeRecord(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: CloudCixClient,
	method: IHttpRequestMethods,
) {
	const target = readTarget(ctx, itemIndex);
	const record = readRecordPath(ctx, itemIndex, target, true);
	const body = readBody(ctx, itemIndex);
	const qs = readQueryParameters(ctx, itemIndex);
	const response = await cloudCixRequest(ctx, client, {
		method,
		application: target.application,
		path: record.path,
		body,
		qs,
		notFoundHint: notFoundHint(record.id),
	});
	return unwrapContent(response);
}
