import type { IExecuteFunctions } from 'n8n-workflow';

import { recordJson } from '../../records';
import { entryPath, reductRequest } from '../../transport';
import { labelHeaders } from '../../validation';
import { forOperation, showFor } from '../common';
import { readRecordInput, recordInputProperties, sizedBody } from './input';

const displayOptions = showFor('record', 'write');

export const description = forOperation(displayOptions, recordInputProperties);

/**
 * POST /b/:bucket/:entry?ts=<µs> with the content as body and the labels as `x-reduct-label-*`.
 * A binary from n8n's store is streamed to the server, never held in memory; such a request is
 * not retried (the stream is spent by the first attempt).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const input = await readRecordInput(this, itemIndex);
	const { body, size } = await sizedBody(input);
	await reductRequest(this, {
		method: 'POST',
		path: entryPath(input.bucket, input.entry),
		qs: { ts: input.timestamp.toString() },
		headers: {
			'Content-Type': input.contentType,
			'Content-Length': String(size),
			...labelHeaders(input.labels),
		},
		body,
	});
	return recordJson({ ...input, size });
}
