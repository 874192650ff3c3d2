import { chunkBySize } from '../../../nodes/Coda/actions/row/batch';
import {
	readCells,
	readKeyColumns,
	resolveColumns,
	toCellValue,
} from '../../../nodes/Coda/actions/row/cells';
import { rowQuery } from '../../../nodes/Coda/actions/row/list';
import { readCodaErrorBody, resourceOfMessage } from '../../../nodes/Coda/errors';
import { createExecuteContext } from '../../helpers/executeContext';

/** Reading cells from items, column resolution, batching and Coda's query syntax. */

const ctxWith = (params: Record<string, unknown>, json: Record<string, unknown> = {}) =>
	createExecuteContext({ params, items: [{ json: json as never }], node: { name: 'Coda' } }).ctx;

describe('cells', () => {
	it('maps an input item to cells, skipping ignored fields and clearing nulls', () => {
		const { cells, parameter } = readCells(
			ctxWith(
				{ dataMode: 'autoMap', columnsToIgnore: 'id, meta' },
				{ id: 1, meta: 'x', Name: 'A', Done: true, Tags: ['a', 'b'], Note: null },
			),
			0,
		);
		expect(parameter).toBe('dataMode');
		expect(cells).toEqual([
			{ column: 'Name', value: 'A' },
			{ column: 'Done', value: true },
			{ column: 'Tags', value: ['a', 'b'] },
			{ column: 'Note', value: '' },
		]);
	});

	it("reads JSON cells as an object or as Coda's array, and the mapped columns", () => {
		expect(
			readCells(ctxWith({ dataMode: 'json', cellsJson: '{"A": 1, "B": [[1, 2], 3]}' }), 0).cells,
		).toEqual([
			{ column: 'A', value: 1 },
			{ column: 'B', value: [[1, 2], 3] },
		]);
		expect(
			readCells(ctxWith({ dataMode: 'json', cellsJson: [{ column: ' c-1 ', value: 'x' }] }), 0)
				.cells,
		).toEqual([{ column: 'c-1', value: 'x' }]);
		expect(
			readCells(
				ctxWith({
					dataMode: 'define',
					cellsUi: {
						cellValues: [
							{ column: 'A', value: '1' },
							{ column: ' ', value: 'skipped' },
						],
					},
				}),
				0,
			).cells,
		).toEqual([{ column: 'A', value: '1' }]);
	});

	it.each([
		[{ dataMode: 'json', cellsJson: '{oops' }, /^Invalid "Cells \(JSON\)": it is not valid JSON/],
		[
			{ dataMode: 'json', cellsJson: '42' },
			/^Invalid "Cells \(JSON\)": give an object of column → value, or an array of cells$/,
		],
		[
			{ dataMode: 'json', cellsJson: '[{"value": 1}]' },
			/^Invalid "Cells \(JSON\)": entry 1 must be an object with "column" and "value"$/,
		],
		[
			{ dataMode: 'json', cellsJson: '{"A": {"b": 1}}' },
			/^Invalid "Cells \(JSON\)": the value for column "A" is an object/,
		],
		[
			{ dataMode: 'json', cellsJson: '{}' },
			/^Invalid "Cells \(JSON\)": there are no cells to write$/,
		],
		[
			{ dataMode: 'define', cellsUi: {} },
			/^Invalid "Values to Send": there are no cells to write$/,
		],
		[{ dataMode: 'nope' }, /^Invalid "Columns": "nope" is not a known mode$/],
	])('refuses bad cells %j', (params, message) => {
		expect(() => readCells(ctxWith(params), 0)).toThrow(message);
	});

	it('accepts only Coda values', () => {
		expect(toCellValue('a')).toBe('a');
		expect(toCellValue(0)).toBe(0);
		expect(toCellValue(false)).toBe(false);
		expect(toCellValue(null)).toBe('');
		expect(toCellValue([1, ['a', true]])).toEqual([1, ['a', true]]);
		expect(toCellValue(Number.NaN)).toBeUndefined();
		expect(toCellValue({ a: 1 })).toBeUndefined();
		expect(toCellValue([[['deep']]])).toBeUndefined();
	});

	it('reads key columns from text or an array', () => {
		expect(readKeyColumns(ctxWith({ keyColumns: ' Name, c-2\nEmail ' }), 0)).toEqual([
			'Name',
			'c-2',
			'Email',
		]);
		expect(readKeyColumns(ctxWith({ keyColumns: ['A', ' '] }), 0)).toEqual(['A']);
	});

	it('resolves columns by ID, then name, and names the unknown ones', () => {
		const columns = [
			{ id: 'c-1', name: 'Name' },
			{ id: 'c-2', name: 'c-1' },
		];
		const ctx = ctxWith({});
		expect(resolveColumns(ctx, columns, ['c-1', 'Name', 'c-2'], 0, 'dataMode', 'Tasks')).toEqual([
			'c-1',
			'c-1',
			'c-2',
		]);
		expect(() => resolveColumns(ctx, columns, ['Nme', 'Name'], 0, 'cellsJson', 'Tasks')).toThrow(
			'Invalid "Cells (JSON)": the table "Tasks" has no column "Nme" (its columns: "Name", "c-1")',
		);
	});
});

describe('batching', () => {
	it('cuts by count and by bytes, never leaving a chunk empty', () => {
		const rows = Array.from({ length: 7 }, (_, i) => i);
		expect(chunkBySize(rows, 3).map((chunk) => chunk.length)).toEqual([3, 3, 1]);
		expect(chunkBySize(rows, 100, 25, () => 9).map((chunk) => chunk.length)).toEqual([2, 2, 2, 1]);
		expect(chunkBySize([1, 2], 10, 5, () => 50).map((chunk) => chunk.length)).toEqual([1, 1]);
		expect(chunkBySize([], 10)).toEqual([]);
	});
});

describe('Coda syntax', () => {
	it('builds row queries with the column quoted and the value as JSON', () => {
		expect(rowQuery('Status', 'Done')).toBe('"Status":"Done"');
		expect(rowQuery('c-1', '42')).toBe('"c-1":42');
		expect(rowQuery('c-1', '"42"')).toBe('"c-1":"42"');
		expect(rowQuery('Done', 'true')).toBe('"Done":true');
		expect(rowQuery('My "col"', 'a b')).toBe('"My \\"col\\"":"a b"');
	});

	it('reads Coda error bodies and the resource a message is about', () => {
		expect(
			readCodaErrorBody(
				'{"message":"x","codaDetail":{"validationErrors":[{"path":"a","message":"b"}]}}',
			),
		).toEqual({
			message: 'x',
			validationErrors: [{ path: 'a', message: 'b' }],
		});
		expect(readCodaErrorBody(undefined)).toEqual({ message: undefined, validationErrors: [] });
		expect(resourceOfMessage("Could not find column 'X' in table grid-1.")).toBe('column');
		expect(resourceOfMessage('Could not find a parent page with the specified ID')).toBe('page');
		expect(resourceOfMessage('Could not find a doc with the specified ID or name: D')).toBe('doc');
		expect(resourceOfMessage('Bad Request')).toBeUndefined();
	});
});
