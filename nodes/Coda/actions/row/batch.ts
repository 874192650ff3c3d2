import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import {
	CODA_MAX_COLUMN_PAGE_SIZE,
	codaPath,
	codaRequestAllItems,
	waitForMutation,
} from '../../transport';
import { parametersOf, wantsWait } from '../common';
import type { TableColumn } from './cells';

/**
 * The write-many operations (insert, upsert, delete many) get every input item at once and send
 * them in as few requests as Coda allows; every output stays paired with its input item, and
 * with "Continue On Fail" a failing item becomes an error item without stopping the others.
 */

/**
 * The Coda API document sets no maximum number of rows per request; requests are cut at
 * "Rows per Request" rows and at this many bytes of JSON, whichever comes first.
 */
export const MAX_REQUEST_BYTES = 1_500_000;
export const DEFAULT_ROWS_PER_REQUEST = 500;
export const MAX_ROWS_PER_REQUEST = 1000;

export class ItemOutcomes {
	private readonly results = new Map<number, IDataObject>();
	private readonly errors = new Map<number, Error>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly count: number,
	) {}

	succeed(itemIndex: number, json: IDataObject): void {
		this.results.set(itemIndex, json);
	}

	fail(itemIndex: number, error: unknown): void {
		if (!this.errors.has(itemIndex))
			this.errors.set(itemIndex, toNodeError(this.ctx.getNode(), error, itemIndex));
	}

	peek(itemIndex: number): IDataObject | undefined {
		return this.results.get(itemIndex);
	}

	failed(itemIndex: number): boolean {
		return this.errors.has(itemIndex);
	}

	/** Without "Continue On Fail", the first failing item stops the node. */
	throwFirstUnlessContinuing(): void {
		if (this.errors.size === 0 || this.ctx.continueOnFail()) return;
		const first = Math.min(...this.errors.keys());
		throw this.errors.get(first);
	}

	toOutput(): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.count; itemIndex++) {
			const error = this.errors.get(itemIndex) as
				(Error & { description?: string | null }) | undefined;
			if (error) {
				output.push({
					json: { error: error.message, description: error.description ?? undefined },
					pairedItem: { item: itemIndex },
				});
			} else if (this.results.has(itemIndex)) {
				output.push({
					json: this.results.get(itemIndex) as IDataObject,
					pairedItem: { item: itemIndex },
				});
			}
		}
		return output;
	}
}

/** Splits entries into requests of at most `maxCount` entries and about `maxBytes` of JSON. */
export function chunkBySize<T>(
	entries: T[],
	maxCount: number,
	maxBytes = MAX_REQUEST_BYTES,
	size: (entry: T) => number = (entry) => Buffer.byteLength(JSON.stringify(entry)),
): T[][] {
	const chunks: T[][] = [];
	let current: T[] = [];
	let bytes = 0;
	for (const entry of entries) {
		const entryBytes = size(entry) + 1;
		if (current.length > 0 && (current.length >= maxCount || bytes + entryBytes > maxBytes)) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
		current.push(entry);
		bytes += entryBytes;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

export function rowsPerRequest(ctx: IExecuteFunctions, itemIndex: number): number {
	return getInteger(ctx, 'options.rowsPerRequest', itemIndex, {
		min: 1,
		max: MAX_ROWS_PER_REQUEST,
		fallback: DEFAULT_ROWS_PER_REQUEST,
	});
}

/** The columns of each table a batch writes to, read once per table. */
export class ColumnCache {
	private readonly tables = new Map<string, Promise<TableColumn[]>>();

	constructor(private readonly ctx: IExecuteFunctions) {}

	get(docId: string, tableId: string): Promise<TableColumn[]> {
		const key = JSON.stringify([docId, tableId]);
		let columns = this.tables.get(key);
		if (!columns) {
			columns = codaRequestAllItems<TableColumn>(
				this.ctx,
				{
					path: codaPath`/docs/${docId}/tables/${tableId}/columns`,
					parameters: parametersOf('docId', 'tableId'),
				},
				undefined,
				CODA_MAX_COLUMN_PAGE_SIZE,
			);
			this.tables.set(key, columns);
		}
		return columns;
	}
}

/** Groups entries by a key, keeping the order of first appearance. */
export function groupBy<T>(entries: T[], keyOf: (entry: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const entry of entries) {
		const key = keyOf(entry);
		const group = groups.get(key) ?? [];
		group.push(entry);
		groups.set(key, group);
	}
	return [...groups.values()];
}

/** After a request, the description that says what had been sent before it failed. */
export function alreadySent(
	error: unknown,
	sent: Array<{ requestId: string; items: number[] }>,
): unknown {
	if (sent.length === 0 || !(error instanceof Error)) return error;
	const items = sent.flatMap((request) => request.items).map((itemIndex) => itemIndex + 1);
	const note = `Rows of ${items.length} item(s) had already been sent to Coda in ${sent.length} request(s) (request IDs ${sent
		.map((request) => request.requestId)
		.join(', ')}) and are not undone.`;
	const withDescription = error as Error & { description?: string | null };
	withDescription.description = [withDescription.description, note].filter(Boolean).join(' ');
	return error;
}

/** Waits for a request's write to be applied when its first item asks to. */
export async function waitIfAsked(
	ctx: IExecuteFunctions,
	itemIndex: number,
	requestId: string | undefined,
): Promise<IDataObject> {
	const { wait, timeoutSeconds } = wantsWait(ctx, itemIndex);
	if (!wait || !requestId) return {};
	const status = await waitForMutation(ctx, requestId, timeoutSeconds, itemIndex);
	return { applied: true, ...(status.warning ? { warning: status.warning } : {}) };
}
