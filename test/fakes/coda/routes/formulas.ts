import type { RouteContext, RouteDef } from '../context';
import { badRequest, notFound } from '../errors';
import { paginate } from '../pagination';

function sorted<T extends { name: string }>(ctx: RouteContext, items: T[]): T[] {
	const sortBy = ctx.query.get('sortBy');
	if (sortBy === null) return items;
	if (sortBy !== 'name') throw badRequest(`Invalid sortBy: ${sortBy}`);
	return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

function byIdOrName<T extends { id: string; name: string }>(
	items: T[],
	idOrName: string,
	what: string,
): T {
	const found = items.find((i) => i.id === idOrName) ?? items.find((i) => i.name === idOrName);
	if (!found) throw notFound(what, idOrName);
	return found;
}

function listFormulas(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = paginate(ctx, sorted(ctx, doc.formulas), 25);
	return {
		status: 200,
		body: { ...page, items: page.items.map((f) => ctx.present.formulaRef(doc, f)) },
	};
}

function getFormula(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	return {
		status: 200,
		body: ctx.present.formula(
			doc,
			byIdOrName(doc.formulas, ctx.params.formulaIdOrName, 'a formula'),
		),
	};
}

function listControls(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = paginate(ctx, sorted(ctx, doc.controls), 25);
	return {
		status: 200,
		body: { ...page, items: page.items.map((c) => ctx.present.controlRef(doc, c)) },
	};
}

function getControl(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	return {
		status: 200,
		body: ctx.present.control(
			doc,
			byIdOrName(doc.controls, ctx.params.controlIdOrName, 'a control'),
		),
	};
}

export const formulaRoutes: RouteDef[] = [
	{ method: 'GET', template: '/docs/{docId}/formulas', handler: listFormulas },
	{ method: 'GET', template: '/docs/{docId}/formulas/{formulaIdOrName}', handler: getFormula },
	{ method: 'GET', template: '/docs/{docId}/controls', handler: listControls },
	{ method: 'GET', template: '/docs/{docId}/controls/{controlIdOrName}', handler: getControl },
];
