import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { codaPath, codaRequest } from '../../transport';
import { parametersOf, requireLocator } from '../common';
import { optionsCollection } from '../operations';
import {
	alreadySent,
	chunkBySize,
	ColumnCache,
	DEFAULT_ROWS_PER_REQUEST,
	groupBy,
	ItemOutcomes,
	MAX_ROWS_PER_REQUEST,
	rowsPerRequest,
	waitIfAsked,
} from './batch';
import {
	CELL_PARAMETER_LABELS,
	disableParsingOption,
	readCells,
	readDisableParsing,
	readKeyColumns,
	resolveColumns,
	type Cell,
} from './cells';

export const rowWriteOptions: INodeProperties = optionsCollection([
	disableParsingOption(
		'Whether Coda should store the values as given instead of parsing them (dates, numbers, lookups…)',
	),
	{
		displayName: 'Rows per Request',
		name: 'rowsPerRequest',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_ROWS_PER_REQUEST },
		default: DEFAULT_ROWS_PER_REQUEST,
		description:
			'Items are sent to Coda together, this many rows per request at most (requests are also kept under 1.5 MB). Coda allows 10 writes per 6 seconds.',
	},
]);

interface PendingRow {
	itemIndex: number;
	docId: string;
	tableId: string;
	keyColumns: string[];
	disableParsing: boolean;
	cells: Cell[];
	cellsParameter: keyof typeof CELL_PARAMETER_LABELS;
}

interface RowsUpsertResult {
	requestId: string;
	addedRowIds?: string[];
}

function readRow(ctx: IExecuteFunctions, itemIndex: number, upsert: boolean): PendingRow {
	const docId = requireLocator(ctx, 'docId', itemIndex);
	const tableId = requireLocator(ctx, 'tableId', itemIndex);
	const keyColumns = upsert ? readKeyColumns(ctx, itemIndex) : [];
	if (upsert && keyColumns.length === 0) {
		throw parameterError(
			ctx.getNode(),
			'keyColumns',
			'give at least one column to match existing rows on (or use "Insert Many" to always add rows)',
			itemIndex,
			CELL_PARAMETER_LABELS.keyColumns,
		);
	}
	const { cells, parameter } = readCells(ctx, itemIndex);
	const disableParsing = readDisableParsing(ctx, itemIndex);
	return {
		itemIndex,
		docId,
		tableId,
		keyColumns,
		disableParsing,
		cells,
		cellsParameter: parameter,
	};
}

/**
 * Inserts (or upserts on key columns) one row per input item: every item's input is read and
 * checked, and every column checked against the table, before anything is written; then the
 * rows go to Coda in as few POST /rows requests as allowed.
 */
export async function writeRows(
	ctx: IExecuteFunctions,
	mode: 'insert' | 'upsert',
): Promise<INodeExecutionData[]> {
	const upsert = mode === 'upsert';
	const count = ctx.getInputData().length;
	const outcomes = new ItemOutcomes(ctx, count);

	// 1. Read and check every item's input.
	const pending: PendingRow[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			pending.push(readRow(ctx, itemIndex, upsert));
		} catch (error) {
			outcomes.fail(itemIndex, error);
		}
	}

	// 2. Check the columns against each table (one read per table), and use their IDs.
	const columns = new ColumnCache(ctx);
	for (const row of pending) {
		try {
			const tableColumns = await columns.get(row.docId, row.tableId);
			const ids = resolveColumns(
				ctx,
				tableColumns,
				row.cells.map((cell) => cell.column),
				row.itemIndex,
				row.cellsParameter,
				row.tableId,
			);
			row.cells = row.cells.map((cell, index) => ({ column: ids[index], value: cell.value }));
			row.keyColumns = resolveColumns(
				ctx,
				tableColumns,
				row.keyColumns,
				row.itemIndex,
				'keyColumns',
				row.tableId,
			);
			const missing = row.keyColumns.filter(
				(key) => !row.cells.some((cell) => cell.column === key),
			);
			if (missing.length > 0) {
				const names = missing.map(
					(id) => `"${tableColumns.find((column) => column.id === id)?.name ?? id}"`,
				);
				throw parameterError(
					ctx.getNode(),
					'keyColumns',
					`the row has no value for the key column(s) ${names.join(', ')}`,
					row.itemIndex,
					CELL_PARAMETER_LABELS.keyColumns,
				);
			}
		} catch (error) {
			outcomes.fail(row.itemIndex, error);
		}
	}
	outcomes.throwFirstUnlessContinuing();

	// 3. Send the rows, grouped by table and request settings, in as few requests as allowed.
	const ready = pending.filter((row) => !outcomes.failed(row.itemIndex));
	const groups = groupBy(ready, (row) =>
		JSON.stringify([row.docId, row.tableId, [...row.keyColumns].sort(), row.disableParsing]),
	);
	const sent: Array<{ requestId: string; items: number[] }> = [];
	for (const group of groups) {
		const first = group[0];
		const chunks = chunkBySize(group, rowsPerRequest(ctx, first.itemIndex), undefined, (row) =>
			Buffer.byteLength(JSON.stringify(row.cells)),
		);
		for (const chunk of chunks) {
			const items = chunk.map((row) => row.itemIndex);
			try {
				const result = await codaRequest<RowsUpsertResult>(ctx, {
					method: 'POST',
					path: codaPath`/docs/${first.docId}/tables/${first.tableId}/rows`,
					qs: first.disableParsing ? { disableParsing: true } : undefined,
					body: {
						rows: chunk.map((row) => ({ cells: row.cells })),
						...(upsert ? { keyColumns: first.keyColumns } : {}),
					},
					// Upserting on key columns twice gives the same rows; inserting twice would not.
					replay: upsert ? 'always' : 'afterRateLimit',
					parameters: {
						...parametersOf('docId', 'tableId'),
						column: CELL_PARAMETER_LABELS[first.cellsParameter],
					},
				});
				sent.push({ requestId: result.requestId, items });
				const waited = await waitIfAsked(ctx, first.itemIndex, result.requestId);
				chunk.forEach((row, index) => {
					outcomes.succeed(row.itemIndex, {
						docId: row.docId,
						tableId: row.tableId,
						requestId: result.requestId,
						...(result.addedRowIds?.[index] ? { rowId: result.addedRowIds[index] } : {}),
						...(upsert ? { keyColumns: row.keyColumns } : {}),
						rowsInRequest: chunk.length,
						...waited,
					});
				});
			} catch (error) {
				if (!ctx.continueOnFail()) throw alreadySent(error, sent);
				for (const itemIndex of items) outcomes.fail(itemIndex, error);
			}
		}
	}
	return outcomes.toOutput();
}
