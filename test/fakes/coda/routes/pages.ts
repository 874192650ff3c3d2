import { parseContent, renderContent } from '../content';
import { bodyObject, type RouteContext, type RouteDef } from '../context';
import { badRequest, CodaError, notFound } from '../errors';
import type { DocRec, LineRec, PageRec } from '../model';
import { paginate } from '../pagination';
import { newPageRecord } from '../seed';

interface CanvasContent {
	format: 'html' | 'markdown';
	content: string;
}

function lines(ctx: RouteContext, content: CanvasContent): LineRec[] {
	return parseContent(content.format, content.content, () => ctx.store.newId('line-'));
}

function listPages(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = paginate(ctx, doc.pages, 25);
	return { status: 200, body: { ...page, items: page.items.map((p) => ctx.present.page(doc, p)) } };
}

function createPage(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const body = bodyObject(ctx);
	const parentId = body.parentPageId as string | undefined;
	if (parentId !== undefined && !doc.pages.some((p) => p.id === parentId))
		throw notFound('a parent page', parentId);
	const content = body.pageContent as { type: string; canvasContent?: CanvasContent } | undefined;
	const page = newPageRecord(ctx.store, (body.name as string | undefined) ?? 'Untitled', {
		subtitle: body.subtitle as string | undefined,
		iconName: body.iconName as string | undefined,
		imageUrl: body.imageUrl as string | undefined,
		parentId,
		contentType:
			content?.type === 'embed' || content?.type === 'syncPage' ? content.type : 'canvas',
	});
	if (content?.type === 'canvas' && content.canvasContent)
		page.lines = lines(ctx, content.canvasContent);
	const requestId = ctx.mutations.enqueue(() => {
		doc.pages.push(page);
		doc.updatedAt = ctx.store.now();
	});
	return { status: 202, body: { requestId, id: page.id } };
}

function getPage(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	return { status: 200, body: ctx.present.page(doc, ctx.store.page(doc, ctx.params.pageIdOrName)) };
}

function insertContent(
	page: PageRec,
	mode: string,
	added: LineRec[],
	elementId: string | undefined,
): void {
	if (elementId === undefined) {
		if (mode === 'replace') page.lines = added;
		else if (mode === 'prepend') page.lines.unshift(...added);
		else page.lines.push(...added);
		return;
	}
	const index = page.lines.findIndex((l) => l.id === elementId);
	if (index < 0) throw new Error(`Element ${elementId} no longer exists on page ${page.id}`);
	if (mode === 'replace') page.lines.splice(index, 1, ...added);
	else if (mode === 'prepend') page.lines.splice(index, 0, ...added);
	else page.lines.splice(index + 1, 0, ...added);
}

function updatePage(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const body = bodyObject(ctx);
	const update = body.contentUpdate as
		{ insertionMode: string; elementId?: string; canvasContent: CanvasContent } | undefined;
	if (update) {
		if (page.contentType !== 'canvas')
			throw badRequest(`Page ${page.id} is not a canvas page; its content cannot be updated.`);
		if (update.elementId !== undefined && !page.lines.some((l) => l.id === update.elementId)) {
			throw badRequest(`Element ${update.elementId} does not exist on page ${page.id}.`);
		}
	}
	if (typeof body.name === 'string' && body.name.trim() === '')
		throw badRequest('Page name cannot be empty.');
	const added = update ? lines(ctx, update.canvasContent) : [];
	const requestId = ctx.mutations.enqueue(() => {
		if (typeof body.name === 'string') page.name = body.name;
		if (typeof body.subtitle === 'string') page.subtitle = body.subtitle;
		if (typeof body.iconName === 'string') page.iconName = body.iconName;
		if (typeof body.imageUrl === 'string') page.imageUrl = body.imageUrl;
		if (typeof body.isHidden === 'boolean') page.isHidden = body.isHidden;
		if (update) insertContent(page, update.insertionMode, added, update.elementId);
		page.updatedAt = ctx.store.now();
	});
	return { status: 202, body: { requestId, id: page.id } };
}

function removePage(doc: DocRec, page: PageRec): void {
	const doomed = new Set<string>([page.id]);
	for (let grew = true; grew;) {
		grew = false;
		for (const p of doc.pages) {
			if (p.parentId && doomed.has(p.parentId) && !doomed.has(p.id)) {
				doomed.add(p.id);
				grew = true;
			}
		}
	}
	doc.pages = doc.pages.filter((p) => !doomed.has(p.id));
	const goneTables = new Set(doc.tables.filter((t) => doomed.has(t.pageId)).map((t) => t.id));
	doc.tables = doc.tables.filter(
		(t) => !goneTables.has(t.id) && !(t.parentTableId && goneTables.has(t.parentTableId)),
	);
	for (const item of [...doc.formulas, ...doc.controls])
		if (item.pageId && doomed.has(item.pageId)) item.pageId = undefined;
}

function deletePage(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const requestId = ctx.mutations.enqueue(() => removePage(doc, page));
	return { status: 202, body: { requestId, id: page.id } };
}

function listPageContent(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const format = ctx.query.get('contentFormat');
	if (format !== null && format !== 'plainText')
		throw badRequest(`Unsupported contentFormat: ${format}`);
	const list = paginate(ctx, page.lines, 50, 500);
	return { status: 200, body: { ...list, items: list.items.map((l) => ctx.present.line(l)) } };
}

function deletePageContent(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const ids = (bodyObject(ctx).elementIds as string[] | undefined) ?? [];
	const unknown = ids.filter((id) => !page.lines.some((l) => l.id === id));
	if (unknown.length)
		throw badRequest(`Unknown element id(s) on page ${page.id}: ${unknown.join(', ')}`);
	const requestId = ctx.mutations.enqueue(() => {
		page.lines = ids.length ? page.lines.filter((l) => !ids.includes(l.id)) : [];
		page.updatedAt = ctx.store.now();
	});
	return { status: 202, body: { requestId, id: page.id } };
}

function beginExport(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const format = bodyObject(ctx).outputFormat;
	if (format !== 'html' && format !== 'markdown')
		throw badRequest(`Invalid outputFormat: ${String(format)}`);
	const id = ctx.store.newId('export-');
	doc.exports.set(id, {
		id,
		pageId: page.id,
		format,
		content: renderContent(page.lines, format),
		readyAt: Date.now() + ctx.delayMs,
	});
	return {
		status: 202,
		body: { id, status: 'inProgress', href: ctx.links.exportStatus(doc.id, page.id, id) },
	};
}

function exportStatus(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const page = ctx.store.page(doc, ctx.params.pageIdOrName);
	const record = doc.exports.get(ctx.params.requestId);
	if (!record || record.pageId !== page.id)
		throw new CodaError(404, `Could not find export request ${ctx.params.requestId}`);
	const href = ctx.links.exportStatus(doc.id, page.id, record.id);
	if (Date.now() < record.readyAt)
		return { status: 200, body: { id: record.id, status: 'inProgress', href } };
	return {
		status: 200,
		body: { id: record.id, status: 'complete', href, downloadLink: ctx.links.download(record.id) },
	};
}

export const pageRoutes: RouteDef[] = [
	{ method: 'GET', template: '/docs/{docId}/pages', handler: listPages },
	{ method: 'POST', template: '/docs/{docId}/pages', handler: createPage },
	{ method: 'GET', template: '/docs/{docId}/pages/{pageIdOrName}', handler: getPage },
	{ method: 'PUT', template: '/docs/{docId}/pages/{pageIdOrName}', handler: updatePage },
	{ method: 'DELETE', template: '/docs/{docId}/pages/{pageIdOrName}', handler: deletePage },
	{
		method: 'GET',
		template: '/docs/{docId}/pages/{pageIdOrName}/content',
		handler: listPageContent,
	},
	{
		method: 'DELETE',
		template: '/docs/{docId}/pages/{pageIdOrName}/content',
		handler: deletePageContent,
	},
	{ method: 'POST', template: '/docs/{docId}/pages/{pageIdOrName}/export', handler: beginExport },
	{
		method: 'GET',
		template: '/docs/{docId}/pages/{pageIdOrName}/export/{requestId}',
		handler: exportStatus,
	},
];
