import { queryFlag, type RouteContext, type RouteDef } from '../context';
import { badRequest } from '../errors';
import { paginate } from '../pagination';

function listTables(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const types = ctx.query
		.getAll('tableTypes')
		.flatMap((v) => v.split(','))
		.filter(Boolean);
	const unknown = types.filter((t) => t !== 'table' && t !== 'view');
	if (unknown.length) throw badRequest(`Invalid tableTypes: ${unknown.join(', ')}`);
	let tables = doc.tables.filter((t) => types.length === 0 || types.includes(t.tableType));
	const sortBy = ctx.query.get('sortBy');
	if (sortBy === 'name') tables = [...tables].sort((a, b) => a.name.localeCompare(b.name));
	else if (sortBy !== null) throw badRequest(`Invalid sortBy: ${sortBy}`);
	const page = paginate(ctx, tables, 25);
	return {
		status: 200,
		body: { ...page, items: page.items.map((t) => ctx.present.tableRef(doc, t)) },
	};
}

function getTable(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	return {
		status: 200,
		body: ctx.present.table(doc, ctx.store.table(doc, ctx.params.tableIdOrName)),
	};
}

function listColumns(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const table = ctx.store.table(doc, ctx.params.tableIdOrName);
	const visibleOnly = queryFlag(ctx, 'visibleOnly') === true;
	const columns = ctx.store
		.columns(doc, table)
		.filter((c) => !visibleOnly || ctx.store.isColumnVisible(doc, table, c));
	const page = paginate(ctx, columns, 25, 100);
	return {
		status: 200,
		body: { ...page, items: page.items.map((c) => ctx.present.column(doc, table, c)) },
	};
}

function getColumn(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const table = ctx.store.table(doc, ctx.params.tableIdOrName);
	const column = ctx.store.column(doc, table, ctx.params.columnIdOrName);
	return { status: 200, body: ctx.present.columnDetail(doc, table, column) };
}

export const tableRoutes: RouteDef[] = [
	{ method: 'GET', template: '/docs/{docId}/tables', handler: listTables },
	{ method: 'GET', template: '/docs/{docId}/tables/{tableIdOrName}', handler: getTable },
	{ method: 'GET', template: '/docs/{docId}/tables/{tableIdOrName}/columns', handler: listColumns },
	{
		method: 'GET',
		template: '/docs/{docId}/tables/{tableIdOrName}/columns/{columnIdOrName}',
		handler: getColumn,
	},
];
