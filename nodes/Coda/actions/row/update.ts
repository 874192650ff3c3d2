import type { IExecuteFunctions } from 'n8n-workflow';

import {
	docLocator,
	forOperation,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';
import { optionsCollection, queuedWrite, writeTo } from '../operations';
import { ColumnCache } from './batch';
import {
	CELL_PARAMETER_LABELS,
	cellParameters,
	disableParsingOption,
	readCells,
	readDisableParsing,
	resolveColumns,
} from './cells';

const displayOptions = showFor('row', 'update');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	...cellParameters,
	optionsCollection([
		disableParsingOption('Whether Coda should store the values as given instead of parsing them'),
	]),
	...waitOptions,
]);

const columnsByExecution = new WeakMap<object, ColumnCache>();

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await queuedWrite(this, itemIndex, ['docId', 'tableId', 'rowId'], async (target) => {
		const { docId, tableId, rowId } = target.ids as Record<'docId' | 'tableId' | 'rowId', string>;
		const { cells, parameter } = readCells(this, itemIndex);
		let cache = columnsByExecution.get(this);
		if (!cache) {
			cache = new ColumnCache(this);
			columnsByExecution.set(this, cache);
		}
		const ids = resolveColumns(
			this,
			await cache.get(docId, tableId),
			cells.map((cell) => cell.column),
			itemIndex,
			parameter,
			tableId,
		);
		const result = await writeTo(this, target, {
			method: 'PUT',
			qs: readDisableParsing(this, itemIndex) ? { disableParsing: true } : undefined,
			body: {
				row: { cells: cells.map((cell, index) => ({ column: ids[index], value: cell.value })) },
			},
			parameters: { column: CELL_PARAMETER_LABELS[parameter] },
		});
		return { docId, tableId, rowId: result.id ?? rowId, ...result };
	});
}
