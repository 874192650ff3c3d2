import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Readable } from 'stream';

import { toNodeError } from '../../../shared/node/errors';
import { batchErrors, batchHeaderValue, recordJson } from '../../records';
import { entryPath, reductRequestFull } from '../../transport';
import { forOperation, showFor } from '../common';
import { readRecordInput, recordInputProperties, type RecordInput } from './input';

const displayOptions = showFor('record', 'writeBatch');

export const description = forOperation(displayOptions, recordInputProperties);

/**
 * Servers parse at most about a hundred request headers and a bounded header block, and the
 * batch protocol puts one header per record: larger inputs go out in several batches.
 */
export const MAX_BATCH_RECORDS = 80;
export const MAX_BATCH_HEADER_BYTES = 256 * 1024;

interface Prepared extends RecordInput {
	size: number;
	header: string;
}

/** Streams the records' contents one after the other, opening each only when it is reached. */
function concatenated(records: Prepared[]): Readable {
	return Readable.from(
		(async function* () {
			for (const record of records) {
				const content = await record.open();
				let sent = 0;
				if (Buffer.isBuffer(content)) {
					sent = content.length;
					yield content;
				} else {
					for await (const chunk of content) {
						const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
						sent += buffer.length;
						yield buffer;
					}
				}
				if (sent !== record.size) {
					throw new Error(
						`Item ${record.itemIndex}: the binary has ${sent} bytes, not the ${record.size} n8n recorded`,
					);
				}
			}
		})(),
	);
}

/** Consecutive records of one entry, cut where the record or header budget would be exceeded. */
export function chunkBatch<T extends { header: string }>(records: T[]): T[][] {
	const chunks: T[][] = [];
	let current: T[] = [];
	let bytes = 0;
	for (const record of records) {
		const size = record.header.length + 40;
		if (
			current.length > 0 &&
			(current.length >= MAX_BATCH_RECORDS || bytes + size > MAX_BATCH_HEADER_BYTES)
		) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
		current.push(record);
		bytes += size;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared> {
	const input = await readRecordInput(ctx, itemIndex, { forBatch: true });
	let size = input.size;
	let open = input.open;
	if (size === undefined) {
		// n8n did not record the binary's size, which the batch header needs: read it once
		const content = await input.open();
		const chunks: Buffer[] = [];
		for await (const chunk of content as Readable)
			chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
		const buffer = Buffer.concat(chunks);
		size = buffer.length;
		open = async () => buffer;
	}
	return { ...input, size, open, header: batchHeaderValue(size, input.contentType, input.labels) };
}

/**
 * Write Many: every input item becomes one record, sent in batched requests
 * (`POST /b/:bucket/:entry/batch`, batch protocol v1): one header `x-reduct-time-<ts>` per
 * record, the contents concatenated in timestamp order in one streamed body. Items for
 * different buckets or entries go in separate requests. The server reports failed records in
 * `x-reduct-error-<ts>` headers; each becomes that item's error.
 */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const results: Array<INodeExecutionData | undefined> = new Array(count);
	const fail = (itemIndex: number, error: unknown) => {
		const nodeError = toNodeError(this.getNode(), error, itemIndex);
		if (!this.continueOnFail()) throw nodeError;
		results[itemIndex] = {
			json: { error: nodeError.message, description: nodeError.description ?? undefined },
			pairedItem: { item: itemIndex },
		};
	};

	// 1. Read and check every item before anything is sent.
	const groups = new Map<string, Prepared[]>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const record = await prepare(this, itemIndex);
			const key = `${record.bucket}\u0000${record.entry}`;
			const group = groups.get(key) ?? [];
			const twin = group.find((other) => other.timestamp === record.timestamp);
			if (twin) {
				throw new NodeOperationError(
					this.getNode(),
					`Invalid "Timestamp": item ${twin.itemIndex} already writes a record at ${record.timestamp} to entry "${record.entry}"`,
					{ itemIndex, description: 'An entry holds one record per timestamp' },
				);
			}
			group.push(record);
			groups.set(key, group);
		} catch (error) {
			fail(itemIndex, error);
		}
	}

	// 2. One request per entry and chunk, records in timestamp order.
	for (const group of groups.values()) {
		group.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
		for (const chunk of chunkBatch(group)) {
			const { bucket, entry } = chunk[0];
			const headers: Record<string, string> = {
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(chunk.reduce((sum, record) => sum + record.size, 0)),
			};
			for (const record of chunk) headers[`x-reduct-time-${record.timestamp}`] = record.header;
			let errors: ReturnType<typeof batchErrors>;
			try {
				const response = await reductRequestFull(this, {
					method: 'POST',
					path: `${entryPath(bucket, entry)}/batch`,
					headers,
					body: concatenated(chunk),
				});
				errors = batchErrors(response.headers);
			} catch (error) {
				for (const record of chunk) fail(record.itemIndex, error);
				continue;
			}
			const failed: string[] = [];
			for (const record of chunk) {
				const error = errors.get(record.timestamp.toString());
				if (!error) {
					results[record.itemIndex] = {
						json: recordJson(record),
						pairedItem: { item: record.itemIndex },
					};
					continue;
				}
				const message = `The server did not write the record at ${record.timestamp} (HTTP ${error.status}): ${error.message}`;
				failed.push(`item ${record.itemIndex}: HTTP ${error.status} ${error.message}`);
				if (this.continueOnFail()) {
					results[record.itemIndex] = {
						json: { error: message, ...recordJson(record) },
						pairedItem: { item: record.itemIndex },
					};
				}
			}
			if (failed.length > 0 && !this.continueOnFail()) {
				throw new NodeOperationError(
					this.getNode(),
					`${failed.length} of ${chunk.length} records were not written to "${bucket}/${entry}": ${failed.slice(0, 5).join('; ')}${failed.length > 5 ? '; …' : ''}`,
					{
						itemIndex: chunk.find((record) => errors.has(record.timestamp.toString()))?.itemIndex,
						description: `The other ${chunk.length - failed.length} records of this batch were written.`,
					},
				);
			}
		}
	}
	return results.filter((result): result is INodeExecutionData => result !== undefined);
}
