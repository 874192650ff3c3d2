import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	wantsWait,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';
import { ColumnCache } from './batch';
import { CELL_PARAMETER_LABELS, cellParameters, readCells, resolveColumns } from './cells';

const displayOptions = showFor('row', 'update');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	...cellParameters,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Disable Parsing',
				name: 'disableParsing',
				type: 'boolean',
				default: false,
				description: 'Whether Coda should store the values as given instead of parsing them',
			},
		],
	},
	...waitOptions,
]);

const columnsByExecution = new WeakMap<object, ColumnCache>();

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const rowId = requireLocator(this, 'rowId', itemIndex);
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
	const disableParsing = this.getNodeParameter('options.disableParsing', itemIndex, false) === true;
	const result = await codaRequest<IDataObject>(this, {
		method: 'PUT',
		path: codaPath`/docs/${docId}/tables/${tableId}/rows/${rowId}`,
		qs: disableParsing ? { disableParsing: true } : undefined,
		body: {
			row: { cells: cells.map((cell, index) => ({ column: ids[index], value: cell.value })) },
		},
		parameters: {
			...parametersOf('docId', 'tableId', 'rowId'),
			column: CELL_PARAMETER_LABELS[parameter],
		},
	});
	return await afterWrite(this, itemIndex, wait, {
		docId,
		tableId,
		rowId: result.id ?? rowId,
		...result,
	});
}
