import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { parseJsonParameter } from '../../../shared/node/parameters';

/** A cell as Coda's RowEdit takes it: a column (ID or name) and a Value. */
export interface Cell {
	column: string;
	value: CellValue;
}

type Scalar = string | number | boolean;
export type CellValue = Scalar | Array<Scalar | Scalar[]>;

export const CELL_PARAMETER_LABELS = {
	dataMode: 'Columns',
	cellsUi: 'Values to Send',
	cellsJson: 'Cells (JSON)',
	columnsToIgnore: 'Input Fields to Ignore',
	keyColumns: 'Key Columns',
} as const;

/** How a row's cells are given: from the input item, one by one, or as JSON. */
export const cellParameters: INodeProperties[] = [
	{
		displayName: CELL_PARAMETER_LABELS.dataMode,
		name: 'dataMode',
		type: 'options',
		options: [
			{
				name: 'Auto-Map Input Data to Columns',
				value: 'autoMap',
				description: 'Each field of the input item goes to the column of the same name (or ID)',
			},
			{
				name: 'Map Each Column Below',
				value: 'define',
				description: 'Give each column and its value',
			},
			{
				name: 'Cells as JSON',
				value: 'json',
				description: 'An object of column → value, or Coda\'s array of { "column", "value" }',
			},
		],
		default: 'autoMap',
		description: 'How to give the values of the row',
	},
	{
		displayName: CELL_PARAMETER_LABELS.columnsToIgnore,
		name: 'columnsToIgnore',
		type: 'string',
		default: '',
		placeholder: 'e.g. createdAt, source',
		description: 'Fields of the input item that are not columns, separated by commas',
		displayOptions: { show: { dataMode: ['autoMap'] } },
	},
	{
		displayName: CELL_PARAMETER_LABELS.cellsUi,
		name: 'cellsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Column',
		default: {},
		displayOptions: { show: { dataMode: ['define'] } },
		options: [
			{
				displayName: 'Cell',
				name: 'cellValues',
				values: [
					{
						displayName: 'Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. c-tuVwxYz or Status',
						description: "The column's ID (preferred) or name",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: "The value; Coda parses it according to the column's type",
					},
				],
			},
		],
	},
	{
		displayName: CELL_PARAMETER_LABELS.cellsJson,
		name: 'cellsJson',
		type: 'json',
		default: '{}',
		placeholder: '{ "Name": "Buy milk", "Done": false }',
		description:
			'An object of column (ID or name) → value, or an array of { "column": …, "value": … }',
		displayOptions: { show: { dataMode: ['json'] } },
	},
];

function isScalar(value: unknown): value is Scalar {
	return (
		typeof value === 'string' ||
		(typeof value === 'number' && Number.isFinite(value)) ||
		typeof value === 'boolean'
	);
}

/** Coda's Value: a scalar, or an array of scalars or of arrays of scalars. `null` clears the cell. */
export function toCellValue(value: unknown): CellValue | undefined {
	if (value === null || value === undefined) return '';
	if (isScalar(value)) return value;
	if (
		Array.isArray(value) &&
		value.every((entry) => isScalar(entry) || (Array.isArray(entry) && entry.every(isScalar)))
	) {
		return value as CellValue;
	}
	return undefined;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'an array of objects';
	if (typeof value === 'number') return String(value);
	return typeof value === 'object' ? 'an object' : typeof value;
}

function listOf(raw: unknown): string[] {
	return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((entry) => entry.trim())
		.filter(Boolean);
}

function fromObject(
	ctx: IExecuteFunctions,
	object: IDataObject,
	itemIndex: number,
	parameter: keyof typeof CELL_PARAMETER_LABELS,
	ignore: Set<string> = new Set(),
): Cell[] {
	const cells: Cell[] = [];
	for (const [column, raw] of Object.entries(object)) {
		if (ignore.has(column)) continue;
		const value = toCellValue(raw);
		if (value === undefined) {
			throw parameterError(
				ctx.getNode(),
				parameter,
				`the value for column "${column}" is ${describe(raw)}; Coda takes text, numbers, booleans or arrays of them`,
				itemIndex,
				CELL_PARAMETER_LABELS[parameter],
			);
		}
		cells.push({ column, value });
	}
	return cells;
}

function parseJsonCells(ctx: IExecuteFunctions, itemIndex: number): Cell[] {
	const raw = ctx.getNodeParameter('cellsJson', itemIndex, '{}') as unknown;
	const parsed = parseJsonParameter(ctx.getNode(), 'cellsJson', raw, itemIndex, {
		displayName: CELL_PARAMETER_LABELS.cellsJson,
	});
	if (Array.isArray(parsed)) {
		return parsed.map((entry, index) => {
			const cell = entry as IDataObject;
			if (
				!cell ||
				typeof cell !== 'object' ||
				typeof cell.column !== 'string' ||
				cell.column.trim() === '' ||
				!('value' in cell)
			) {
				throw parameterError(
					ctx.getNode(),
					'cellsJson',
					`entry ${index + 1} must be an object with "column" and "value"`,
					itemIndex,
					CELL_PARAMETER_LABELS.cellsJson,
				);
			}
			const value = toCellValue(cell.value);
			if (value === undefined) {
				throw parameterError(
					ctx.getNode(),
					'cellsJson',
					`the value for column "${cell.column}" is ${describe(cell.value)}; Coda takes text, numbers, booleans or arrays of them`,
					itemIndex,
					CELL_PARAMETER_LABELS.cellsJson,
				);
			}
			return { column: cell.column.trim(), value };
		});
	}
	if (parsed && typeof parsed === 'object')
		return fromObject(ctx, parsed as IDataObject, itemIndex, 'cellsJson');
	throw parameterError(
		ctx.getNode(),
		'cellsJson',
		'give an object of column → value, or an array of cells',
		itemIndex,
		CELL_PARAMETER_LABELS.cellsJson,
	);
}

/** Reads one item's cells, in the chosen mode; refuses malformed input, naming the parameter. */
export function readCells(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { cells: Cell[]; parameter: keyof typeof CELL_PARAMETER_LABELS } {
	const mode = String(ctx.getNodeParameter('dataMode', itemIndex, 'autoMap'));
	let cells: Cell[];
	let parameter: keyof typeof CELL_PARAMETER_LABELS;
	if (mode === 'json') {
		parameter = 'cellsJson';
		cells = parseJsonCells(ctx, itemIndex);
	} else if (mode === 'define') {
		parameter = 'cellsUi';
		const entries = (
			(ctx.getNodeParameter('cellsUi.cellValues', itemIndex, []) as IDataObject[]) ?? []
		).filter((entry) => String(entry.column ?? '').trim() !== '');
		cells = fromObject(
			ctx,
			Object.fromEntries(
				entries.map((entry) => [String(entry.column).trim(), entry.value as unknown]),
			) as IDataObject,
			itemIndex,
			'cellsUi',
		);
	} else if (mode === 'autoMap') {
		parameter = 'dataMode';
		const ignore = new Set(listOf(ctx.getNodeParameter('columnsToIgnore', itemIndex, '')));
		cells = fromObject(
			ctx,
			ctx.getInputData()[itemIndex]?.json ?? {},
			itemIndex,
			'dataMode',
			ignore,
		);
	} else {
		throw parameterError(
			ctx.getNode(),
			'dataMode',
			`"${mode}" is not a known mode`,
			itemIndex,
			CELL_PARAMETER_LABELS.dataMode,
		);
	}
	if (cells.length === 0) {
		throw parameterError(
			ctx.getNode(),
			parameter,
			'there are no cells to write',
			itemIndex,
			CELL_PARAMETER_LABELS[parameter],
		);
	}
	return { cells, parameter };
}

/** "Key Columns": IDs or names, separated by commas, or an array from an expression. */
export function readKeyColumns(ctx: IExecuteFunctions, itemIndex: number): string[] {
	return listOf(ctx.getNodeParameter('keyColumns', itemIndex, ''));
}

export function readList(raw: unknown): string[] {
	return listOf(raw);
}

export interface TableColumn {
	id: string;
	name: string;
	calculated?: boolean;
}

/**
 * Resolves each cell's column (ID first, then name) against the table's columns and returns
 * cells keyed by column ID; a column the table does not have is refused, naming the parameter.
 */
export function resolveColumns(
	ctx: IExecuteFunctions,
	columns: TableColumn[],
	refs: string[],
	itemIndex: number,
	parameter: keyof typeof CELL_PARAMETER_LABELS,
	tableName: string,
): string[] {
	const byId = new Map(columns.map((column) => [column.id, column]));
	const byName = new Map<string, TableColumn>();
	for (const column of columns) if (!byName.has(column.name)) byName.set(column.name, column);
	const unknown: string[] = [];
	const resolved = refs.map((ref) => {
		const column = byId.get(ref) ?? byName.get(ref);
		if (!column) unknown.push(ref);
		return column?.id ?? ref;
	});
	if (unknown.length > 0) {
		const known = columns
			.slice(0, 12)
			.map((column) => `"${column.name}"`)
			.join(', ');
		throw parameterError(
			ctx.getNode(),
			parameter,
			`the table "${tableName}" has no column ${unknown.map((ref) => `"${ref}"`).join(', ')} (its columns: ${known}${columns.length > 12 ? ', …' : ''})`,
			itemIndex,
			CELL_PARAMETER_LABELS[parameter],
		);
	}
	return resolved;
}

/** The "Disable Parsing" option of a row write. */
export const disableParsingOption = (description: string): INodeProperties => ({
	displayName: 'Disable Parsing',
	name: 'disableParsing',
	type: 'boolean',
	default: false,
	description,
});

/** Whether the user asked Coda to store the values as given. */
export const readDisableParsing = (ctx: IExecuteFunctions, itemIndex: number): boolean =>
	ctx.getNodeParameter('options.disableParsing', itemIndex, false) === true;
