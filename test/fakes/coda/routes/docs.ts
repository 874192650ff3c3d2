import { bodyObject, queryFlag, type RouteContext, type RouteDef } from '../context';
import { badRequest } from '../errors';
import type { DocRec } from '../model';
import { paginate } from '../pagination';
import { newDocRecord, newPageRecord } from '../seed';
import { parseContent } from '../content';

function matchesFilters(ctx: RouteContext, doc: DocRec): boolean {
	const q = ctx.query;
	const isOwner = queryFlag(ctx, 'isOwner');
	if (isOwner !== undefined && (doc.owner.email === ctx.store.user.email) !== isOwner) return false;
	const isPublished = queryFlag(ctx, 'isPublished');
	if (isPublished !== undefined && doc.isPublished !== isPublished) return false;
	const isStarred = queryFlag(ctx, 'isStarred');
	if (isStarred !== undefined && doc.isStarred !== isStarred) return false;
	if (queryFlag(ctx, 'inGallery') === true) return false;
	const text = q.get('query');
	if (text && !doc.name.toLowerCase().includes(text.toLowerCase())) return false;
	const sourceDoc = q.get('sourceDoc');
	if (sourceDoc && doc.sourceDocId !== sourceDoc) return false;
	const workspaceId = q.get('workspaceId');
	if (workspaceId && doc.workspaceId !== workspaceId) return false;
	const folderId = q.get('folderId');
	return !folderId || doc.folderId === folderId;
}

function listDocs(ctx: RouteContext) {
	const docs = ctx.store.docs.filter((d) => matchesFilters(ctx, d));
	const page = paginate(ctx, docs, 25);
	return { status: 200, body: { ...page, items: page.items.map((d) => ctx.present.doc(d)) } };
}

function copyDoc(source: DocRec, target: DocRec): void {
	const clone = structuredClone(source);
	target.pages = clone.pages;
	target.tables = clone.tables;
	target.formulas = clone.formulas;
	target.controls = clone.controls;
	target.sourceDocId = source.id;
	target.iconName = source.iconName;
}

function createDoc(ctx: RouteContext) {
	const body = bodyObject(ctx);
	const sourceId = body.sourceDoc as string | undefined;
	const source = sourceId === undefined ? undefined : ctx.store.docs.find((d) => d.id === sourceId);
	if (sourceId !== undefined && !source)
		throw badRequest(`Source doc ${sourceId} does not exist or is not accessible.`);
	const doc = newDocRecord(ctx.store, (body.title as string | undefined) ?? 'Untitled', {
		folderId: (body.folderId as string | undefined) ?? ctx.store.user.folderId,
		timezone: body.timezone as string | undefined,
	});
	if (source) {
		copyDoc(source, doc);
	} else {
		const initial = (body.initialPage as Record<string, unknown> | undefined) ?? {};
		const page = newPageRecord(ctx.store, (initial.name as string | undefined) ?? doc.name, {
			subtitle: initial.subtitle as string | undefined,
			iconName: initial.iconName as string | undefined,
			imageUrl: initial.imageUrl as string | undefined,
		});
		const content = initial.pageContent as
			| { type?: string; canvasContent?: { format: 'html' | 'markdown'; content: string } }
			| undefined;
		if (content?.type === 'canvas' && content.canvasContent) {
			page.lines = parseContent(content.canvasContent.format, content.canvasContent.content, () =>
				ctx.store.newId('line-'),
			);
		}
		doc.pages.push(page);
	}
	ctx.store.docs.push(doc);
	const requestId = ctx.mutations.enqueue(() => undefined);
	return { status: 201, body: { ...ctx.present.doc(doc), requestId } };
}

function getDoc(ctx: RouteContext) {
	return { status: 200, body: ctx.present.doc(ctx.store.doc(ctx.params.docId)) };
}

function updateDoc(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	const body = bodyObject(ctx);
	if (typeof body.title === 'string') {
		if (body.title.trim() === '') throw badRequest('Doc title cannot be empty.');
		doc.name = body.title;
	}
	if (typeof body.iconName === 'string') doc.iconName = body.iconName;
	doc.updatedAt = ctx.store.now();
	return { status: 200, body: {} };
}

function deleteDoc(ctx: RouteContext) {
	const doc = ctx.store.doc(ctx.params.docId);
	ctx.store.docs = ctx.store.docs.filter((d) => d !== doc);
	return { status: 202, body: {} };
}

export const docRoutes: RouteDef[] = [
	{ method: 'GET', template: '/docs', handler: listDocs },
	{ method: 'POST', template: '/docs', handler: createDoc },
	{ method: 'GET', template: '/docs/{docId}', handler: getDoc },
	{ method: 'PATCH', template: '/docs/{docId}', handler: updateDoc },
	{ method: 'DELETE', template: '/docs/{docId}', handler: deleteDoc },
];
