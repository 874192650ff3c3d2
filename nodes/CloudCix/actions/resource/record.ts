import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { CloudCixCall } from '../../transport';
import { readBody } from '../body';
import { readQueryParameters } from '../listing';
import { notFoundHint, readRecordPath, readTarget } from '../target';

/**
 * The request of a one-record verb, checked before anything is sent: the service path (with
 * the record ID: required for Read, Update, Partial Update and Delete, optional for Head, none
 * for Create), the Query Parameters, and the data of Create, Update and Partial Update.
 */
export function recordCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	options: { id: 'required' | 'optional' | 'none'; body?: boolean },
): { call: CloudCixCall; id?: string } {
	const target = readTarget(ctx, itemIndex);
	const record =
		options.id === 'none'
			? { path: target.path, id: undefined }
			: readRecordPath(ctx, itemIndex, target, options.id === 'required');
	const body = options.body ? readBody(ctx, itemIndex) : undefined;
	const qs = readQueryParameters(ctx, itemIndex);
	return {
		id: record.id,
		call: {
			method,
			application: target.application,
			path: record.path,
			qs,
			body,
			notFoundHint: notFoundHint(record.id),
		},
	};
}
