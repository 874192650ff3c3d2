import { bodyObject, queryFlag, type RouteContext, type RouteDef } from '../context';
import { badRequest } from '../errors';
import type { CellValue, ColumnRec, DocRec, RowRec, TableRec } from '../model';
import { paginate } from '../pagination';
import type { RowOptions } from '../present';
import { newRowRecord } from '../seed';
import { cellMatches, parseCellInput, parseRowQuery, type ValueFormat } from '../values';

const VALUE_FORMATS: ValueFormat[] = ['simple', 'simpleWithArrays', 'rich'];

type Cells = Array<{ column: ColumnRec; value: CellValue }>;

function locate(ctx: RouteContext): { doc: DocRec; table: TableRec } {
	const doc = ctx.store.doc(ctx.params.docId);
	return { doc, table: ctx.store.table(doc, ctx.params.tableIdOrName) };
}

function rowOptions(ctx: RouteContext, visibleOnly = false): RowOptions {
	const valueFormat = (ctx.query.get('valueFormat') ?? 'simple') as ValueFormat;
	if (!VALUE_FORMATS.includes(valueFormat)) throw badRequest(`Invalid valueFormat: ${valueFormat}`);
	return { valueFormat, useColumnNames: queryFlag(ctx, 'useColumnNames') === true, visibleOnly };
}

function requireColumn(ctx: RouteContext, doc: DocRec, table: TableRec, ref: string): ColumnRec {
	const column = ctx.store.findColumn(doc, table, ref);
	if (!column) throw badRequest(`Could not find column '${ref}' in table ${table.id}.`);
	return column;
}

function parseCells(ctx: RouteContext, doc: DocRec, table: TableRec, cells: unknown): Cells {
	if (!Array.isArray(cells)) throw badRequest('Each row must have a "cells" array.');
	const disableParsing = queryFlag(ctx, 'disableParsing') === true;
	return cells.map((cell: { column?: unknown; value?: unknown }) => {
		if (typeof cell?.column !== 'string') throw badRequest('Each cell must name a column.');
		const column = requireColumn(ctx, doc, table, cell.column);
		return { column, value: parseCellInput(column, cell.value, disableParsing) };
	});
}

function writeCells(ctx: RouteContext, row: RowRec, cells: Cells): void {
	for (const { column, value } of cells) row.values.set(column.id, value);
	row.updatedAt = ctx.store.now();
	row.updatedSeq = ctx.store.nextSeq();
}

function listRows(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const sortBy = ctx.query.get('sortBy');
	const visibleFlag = queryFlag(ctx, 'visibleOnly');
	if (sortBy === 'natural' && visibleFlag === false) {
		throw badRequest(
			'sortBy=natural implies visibleOnly=true; visibleOnly=false cannot be satisfied.',
		);
	}
	const visibleOnly = visibleFlag ?? sortBy === 'natural';
	const options = rowOptions(ctx, visibleOnly);
	let rows = ctx.store.rows(doc, table).filter((r) => !visibleOnly || !r.hidden);
	const query = ctx.query.get('query');
	if (query !== null && query !== '') {
		const parsed = parseRowQuery(query);
		const column = parsed.quoted
			? ctx.store.findColumn(doc, table, parsed.column)
			: ctx.store.columns(doc, table).find((c) => c.id === parsed.column);
		if (!column)
			throw badRequest(`Invalid query: unknown column '${parsed.column}' (quote column names).`);
		rows = rows.filter((r) => cellMatches(r.values.get(column.id), parsed.value));
	}
	if (sortBy === null || sortBy === 'createdAt')
		rows = [...rows].sort((a, b) => a.createdSeq - b.createdSeq);
	else if (sortBy === 'updatedAt') rows = [...rows].sort((a, b) => a.updatedSeq - b.updatedSeq);
	else if (sortBy !== 'natural') throw badRequest(`Invalid sortBy: ${sortBy}`);
	const page = paginate(ctx, rows, 25, 500);
	return {
		status: 200,
		body: { ...page, items: page.items.map((r) => ctx.present.row(doc, table, r, options)) },
	};
}

function upsertRows(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	if (table.tableType !== 'table')
		throw badRequest(`Rows can only be inserted into base tables, not views (${table.id}).`);
	const body = bodyObject(ctx);
	if (!Array.isArray(body.rows)) throw badRequest('Request body must have a "rows" array.');
	const keyColumns = ((body.keyColumns as unknown[] | undefined) ?? []).map((k) =>
		requireColumn(ctx, doc, table, String(k)),
	);
	const rows = body.rows.map((row: { cells?: unknown }) => parseCells(ctx, doc, table, row?.cells));
	for (const cells of rows) {
		const missing = keyColumns.filter((k) => !cells.some((c) => c.column === k));
		if (missing.length)
			throw badRequest(
				`Row is missing a value for key column(s): ${missing.map((k) => k.name).join(', ')}`,
			);
	}
	const addedRowIds = keyColumns.length ? undefined : rows.map(() => ctx.store.newId('i-'));
	const requestId = ctx.mutations.enqueue(() => {
		rows.forEach((cells, index) => {
			const key = (column: ColumnRec) => cells.filter((c) => c.column === column).at(-1)?.value;
			const matches = keyColumns.length
				? table.rows.filter((r) => keyColumns.every((k) => cellMatches(r.values.get(k.id), key(k))))
				: [];
			if (matches.length) {
				for (const row of matches) writeCells(ctx, row, cells);
				return;
			}
			const row = newRowRecord(ctx.store, new Map(cells.map((c) => [c.column.id, c.value])));
			if (addedRowIds) row.id = addedRowIds[index];
			table.rows.push(row);
		});
		table.updatedAt = ctx.store.now();
	});
	return { status: 202, body: addedRowIds ? { requestId, addedRowIds } : { requestId } };
}

function deleteRows(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const rowIds = bodyObject(ctx).rowIds;
	if (!Array.isArray(rowIds) || rowIds.some((id) => typeof id !== 'string'))
		throw badRequest('"rowIds" must be an array of row ids.');
	const base = ctx.store.baseTable(doc, table);
	const requestId = ctx.mutations.enqueue(() => {
		base.rows = base.rows.filter((r) => !rowIds.includes(r.id));
	});
	return { status: 202, body: { requestId, rowIds } };
}

function getRow(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const row = ctx.store.row(doc, table, ctx.params.rowIdOrName);
	return { status: 200, body: ctx.present.rowDetail(doc, table, row, rowOptions(ctx)) };
}

function updateRow(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const row = ctx.store.row(doc, table, ctx.params.rowIdOrName);
	const update = bodyObject(ctx).row as { cells?: unknown } | undefined;
	const cells = parseCells(ctx, doc, table, update?.cells);
	const requestId = ctx.mutations.enqueue(() => writeCells(ctx, row, cells));
	return { status: 202, body: { requestId, id: row.id } };
}

function deleteRow(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const row = ctx.store.row(doc, table, ctx.params.rowIdOrName);
	const base = ctx.store.baseTable(doc, table);
	const requestId = ctx.mutations.enqueue(() => {
		base.rows = base.rows.filter((r) => r !== row);
	});
	return { status: 202, body: { requestId, id: row.id } };
}

function pushButton(ctx: RouteContext) {
	const { doc, table } = locate(ctx);
	const row = ctx.store.row(doc, table, ctx.params.rowIdOrName);
	const column = ctx.store.column(doc, table, ctx.params.columnIdOrName);
	if (column.type !== 'button' || !column.button)
		throw badRequest(`Column ${column.id} is not a button column.`);
	if (column.button.disabled)
		throw badRequest(`Button ${column.id} is disabled for row ${row.id}.`);
	const cells = Object.entries(column.button.sets ?? {}).map(([ref, value]) => {
		const target = requireColumn(ctx, doc, table, ref);
		return { column: target, value: parseCellInput(target, value, true) };
	});
	const requestId = ctx.mutations.enqueue(() => {
		if (cells.length) writeCells(ctx, row, cells);
		ctx.store.buttonPresses.push({
			docId: doc.id,
			tableId: table.id,
			rowId: row.id,
			columnId: column.id,
		});
	});
	return { status: 202, body: { requestId, rowId: row.id, columnId: column.id } };
}

const ROWS = '/docs/{docId}/tables/{tableIdOrName}/rows';

export const rowRoutes: RouteDef[] = [
	{ method: 'GET', template: ROWS, handler: listRows },
	{ method: 'POST', template: ROWS, handler: upsertRows },
	{ method: 'DELETE', template: ROWS, handler: deleteRows },
	{ method: 'GET', template: `${ROWS}/{rowIdOrName}`, handler: getRow },
	{ method: 'PUT', template: `${ROWS}/{rowIdOrName}`, handler: updateRow },
	{ method: 'DELETE', template: `${ROWS}/{rowIdOrName}`, handler: deleteRow },
	{
		method: 'POST',
		template: `${ROWS}/{rowIdOrName}/buttons/{columnIdOrName}`,
		handler: pushButton,
	},
];
