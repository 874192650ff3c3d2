import axios from 'axios';

import { CloudPackCodaApi } from '../../credentials/CloudPackCodaApi.credentials';
import { startCodaFake, type CodaFake, type SeededDoc } from '../fakes/coda/server';
import {
	byId,
	codaLoadOptionsContext,
	listSearch,
	runCoda,
	runCodaFailing,
} from '../helpers/codaContext';

/** The Coda node's doc, page, table, column, formula, control and mutation-status operations against the fake. */

const NO_LIMITS = { read: null, write: null, writeDocContent: null, listDocs: null };

let fake: CodaFake;
let doc: SeededDoc;

beforeAll(async () => {
	fake = await startCodaFake({ rateLimits: NO_LIMITS });
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => {
	fake.reset();
	fake.setMutationDelay(0);
	doc = fake.seedSampleDoc();
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

const run = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runCoda(fake, { params, ...extra });

describe('doc', () => {
	it('lists docs with filters, limit and Return All over several pages', async () => {
		for (let i = 0; i < 30; i++) fake.seedDoc({ name: `Budget ${i}` });
		fake.seedDoc({ name: 'Foreign budget', owner: { name: 'Other', email: 'other@example.com' } });

		const filtered = await run({
			resource: 'doc',
			operation: 'list',
			returnAll: true,
			filters: { query: 'budget', isOwner: true },
		});
		expect(filtered.json).toHaveLength(30);
		expect(filtered.json.every((d) => String(d.name).startsWith('Budget '))).toBe(true);
		expect(fake.requests.at(-1)?.query).toContain('isOwner=true');

		const limited = await run({ resource: 'doc', operation: 'list', returnAll: false, limit: 3 });
		expect(limited.json.map((d) => d.name)).toEqual(['Sample doc', 'Budget 0', 'Budget 1']);
		expect(
			limited.output.every(
				(item, index) => (item.pairedItem as { item: number }).item === 0 && index >= 0,
			),
		).toBe(true);

		fake.requests.length = 0;
		const all = await run({ resource: 'doc', operation: 'list', returnAll: true });
		expect(all.json).toHaveLength(32);
		expect(new Set(all.json.map((d) => d.id)).size).toBe(32);
		// 500 asked, the fake pages docs at its own maximum: the loop follows nextPageToken
		expect(fake.requests.filter((r) => r.path === '/apis/v1/docs').length).toBeGreaterThanOrEqual(
			1,
		);
	});

	it('creates a doc (copy of another, in a folder, with a timezone), waits for it, gets, renames and deletes it', async () => {
		fake.setMutationDelay(150);
		const created = await run({
			resource: 'doc',
			operation: 'create',
			title: 'Copy of sample',
			options: { sourceDoc: doc.id, folderId: 'fl-Other01', timezone: 'Europe/Paris' },
			waitForCompletion: true,
		});
		const newDoc = created.json[0];
		expect(newDoc).toMatchObject({ name: 'Copy of sample', folderId: 'fl-Other01', applied: true });
		expect(typeof newDoc.requestId).toBe('string');
		const stored = fake.store.docs.find((d) => d.id === newDoc.id)!;
		expect(stored.sourceDocId).toBe(doc.id);
		expect(stored.tables.map((t) => t.name)).toEqual(['Projects', 'Tasks', 'Open tasks']);
		expect(fake.requests.some((r) => r.path.startsWith('/apis/v1/mutationStatus/'))).toBe(true);

		const got = await run({ resource: 'doc', operation: 'get', docId: byId(String(newDoc.id)) });
		expect(got.json[0]).toMatchObject({ id: newDoc.id, name: 'Copy of sample', type: 'doc' });

		const updated = await run({
			resource: 'doc',
			operation: 'update',
			docId: byId(String(newDoc.id)),
			updateFields: { title: 'Renamed', iconName: 'rocket' },
		});
		expect(updated.json[0]).toMatchObject({
			id: newDoc.id,
			updated: true,
			title: 'Renamed',
			iconName: 'rocket',
		});
		expect(stored.name).toBe('Renamed');
		expect(stored.iconName).toBe('rocket');

		const deleted = await run({
			resource: 'doc',
			operation: 'delete',
			docId: byId(String(newDoc.id)),
		});
		expect(deleted.json[0]).toEqual({ id: newDoc.id, deleted: true });
		expect(fake.store.docs.some((d) => d.id === newDoc.id)).toBe(false);
	});

	it('accepts a doc browser link in place of its ID', async () => {
		const got = await run({
			resource: 'doc',
			operation: 'get',
			docId: byId(`https://coda.io/d/Sample-doc_d${doc.id}#Data`),
		});
		expect(got.json[0].id).toBe(doc.id);
	});

	it('refuses an update with nothing to change, naming the parameter, and sends nothing', async () => {
		const error = await runCodaFailing(fake, {
			params: { resource: 'doc', operation: 'update', docId: byId(doc.id), updateFields: {} },
		});
		expect(error.message).toBe('Invalid "Update Fields": add a title or an icon name to change');
		expect(fake.requests).toEqual([]);
	});
});

describe('page', () => {
	it('lists, creates (with parent and markdown content), gets, updates, and deletes pages', async () => {
		const listed = await run({
			resource: 'page',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
		});
		expect(listed.json.map((p) => p.name)).toEqual(['Overview', 'Details', 'Data']);

		fake.setMutationDelay(100);
		const created = await run({
			resource: 'page',
			operation: 'create',
			docId: byId(doc.id),
			name: 'Launch',
			content: '# Launch plan\n- ship it',
			contentFormat: 'markdown',
			options: { subtitle: 'When and how', parentPageId: doc.pages.Overview, iconName: 'rocket' },
			waitForCompletion: true,
		});
		const pageId = String(created.json[0].id);
		expect(created.json[0]).toMatchObject({ docId: doc.id, applied: true });
		const record = fake.store.docs[0].pages.find((p) => p.id === pageId)!;
		expect(record).toMatchObject({
			name: 'Launch',
			subtitle: 'When and how',
			parentId: doc.pages.Overview,
			iconName: 'rocket',
		});
		expect(record.lines.map((l) => [l.style, l.content])).toEqual([
			['h1', 'Launch plan'],
			['bulletedList', 'ship it'],
		]);

		const got = await run({
			resource: 'page',
			operation: 'get',
			docId: byId(doc.id),
			pageId: byId(pageId),
		});
		expect(got.json[0]).toMatchObject({ id: pageId, name: 'Launch', subtitle: 'When and how' });

		const updated = await run({
			resource: 'page',
			operation: 'update',
			docId: byId(doc.id),
			pageId: byId(pageId),
			updateFields: { name: 'Launch v2', isHidden: true },
			content: '<p>Appendix</p>',
			contentFormat: 'html',
			insertionMode: 'append',
			waitForCompletion: true,
		});
		expect(updated.json[0]).toMatchObject({ id: pageId, applied: true });
		expect(record.name).toBe('Launch v2');
		expect(record.isHidden).toBe(true);
		expect(record.lines.map((l) => l.content)).toEqual(['Launch plan', 'ship it', 'Appendix']);

		const content = await run({
			resource: 'page',
			operation: 'getContent',
			docId: byId(doc.id),
			pageId: byId(pageId),
			returnAll: true,
		});
		expect(content.json.map((line) => (line.itemContent as { content: string }).content)).toEqual([
			'Launch plan',
			'ship it',
			'Appendix',
		]);

		const firstLine = String(content.json[0].id);
		const partly = await run({
			resource: 'page',
			operation: 'deleteContent',
			docId: byId(doc.id),
			pageId: byId(pageId),
			elementIds: firstLine,
			waitForCompletion: true,
		});
		expect(partly.json[0]).toMatchObject({ deletedElements: [firstLine], applied: true });
		expect(record.lines.map((l) => l.content)).toEqual(['ship it', 'Appendix']);

		await run({
			resource: 'page',
			operation: 'deleteContent',
			docId: byId(doc.id),
			pageId: byId(pageId),
			elementIds: '',
			waitForCompletion: true,
		});
		expect(record.lines).toEqual([]);

		const deleted = await run({
			resource: 'page',
			operation: 'delete',
			docId: byId(doc.id),
			pageId: byId(pageId),
			waitForCompletion: true,
		});
		expect(deleted.json[0]).toMatchObject({ id: pageId, deleted: true, applied: true });
		expect(fake.store.docs[0].pages.some((p) => p.id === pageId)).toBe(false);
	});

	it('gets page content one page of lines at a time up to the limit', async () => {
		const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
		const seeded = fake.seedDoc({ name: 'Long', pages: [{ name: 'Long page', content: lines }] });
		const limited = await run({
			resource: 'page',
			operation: 'getContent',
			docId: byId(seeded.id),
			pageId: byId('Long page'),
			returnAll: false,
			limit: 7,
		});
		expect(limited.json.map((line) => (line.itemContent as { content: string }).content)).toEqual(
			Array.from({ length: 7 }, (_, i) => `line ${i}`),
		);
		const all = await run({
			resource: 'page',
			operation: 'getContent',
			docId: byId(seeded.id),
			pageId: byId('Long page'),
			returnAll: true,
		});
		expect(all.json).toHaveLength(60);
	});

	it.each([
		['html', 'text/html', '<h1>Welcome</h1>'],
		['markdown', 'text/markdown', '# Welcome'],
	])(
		'exports a page as %s, waiting for the export, and returns it as binary',
		async (format, mimeType, expected) => {
			fake.setMutationDelay(400);
			const result = await run({
				resource: 'page',
				operation: 'exportContent',
				docId: byId(doc.id),
				pageId: byId(doc.pages.Overview),
				outputFormat: format,
				binaryPropertyName: 'page',
			});
			const item = result.output[0];
			expect(item.json).toMatchObject({ docId: doc.id, pageId: doc.pages.Overview, format });
			const binary = item.binary!.page;
			expect(binary.mimeType).toBe(mimeType);
			expect(binary.fileName).toBe(`${doc.pages.Overview}.${format === 'html' ? 'html' : 'md'}`);
			const text = result.bytesOf(binary).toString('utf8');
			expect(text).toContain(expected);
			expect(text).toContain('first point');
			// polled the export status until it was complete, then downloaded once
			const statusPolls = fake.requests.filter((r) => r.path.includes('/export/'));
			expect(statusPolls.length).toBeGreaterThanOrEqual(2);
			expect(fake.requests.filter((r) => r.path.startsWith('/_fake/exports/'))).toHaveLength(1);
		},
	);

	it('fails an export that takes longer than its timeout, naming the setting', async () => {
		fake.setMutationDelay(5000);
		const error = await runCodaFailing(fake, {
			params: {
				resource: 'page',
				operation: 'exportContent',
				docId: byId(doc.id),
				pageId: byId('Overview'),
				exportTimeout: 1,
			},
		});
		expect(error.message).toBe('Coda had not finished exporting the page after 1 s');
		expect(error.description).toContain('Wait Timeout (Seconds)');
	});
});

describe('table, column, formula, control, mutation status', () => {
	it('lists tables and views, only tables, sorted by name, and gets one', async () => {
		const all = await run({
			resource: 'table',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
		});
		expect(all.json.map((t) => [t.name, t.tableType])).toEqual([
			['Projects', 'table'],
			['Tasks', 'table'],
			['Open tasks', 'view'],
		]);
		const views = await run({
			resource: 'table',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
			options: { tableTypes: ['view'] },
		});
		expect(views.json.map((t) => t.name)).toEqual(['Open tasks']);
		expect(fake.requests.at(-1)?.query).toContain('tableTypes=view');
		const sorted = await run({
			resource: 'table',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
			options: { sortByName: true },
		});
		expect(sorted.json.map((t) => t.name)).toEqual(['Open tasks', 'Projects', 'Tasks']);

		const table = await run({
			resource: 'table',
			operation: 'get',
			docId: byId(doc.id),
			tableId: byId('Tasks'),
		});
		expect(table.json[0]).toMatchObject({ id: doc.tables.Tasks.id, name: 'Tasks', rowCount: 5 });
	});

	it('lists columns (all, visible only, limited) and gets one', async () => {
		const all = await run({
			resource: 'column',
			operation: 'list',
			docId: byId(doc.id),
			tableId: byId(doc.tables.Tasks.id),
			returnAll: true,
		});
		expect(all.json).toHaveLength(12);
		const visible = await run({
			resource: 'column',
			operation: 'list',
			docId: byId(doc.id),
			tableId: byId(doc.tables.Tasks.id),
			returnAll: true,
			options: { visibleOnly: true },
		});
		expect(visible.json.map((c) => c.name)).not.toContain('Score');
		const limited = await run({
			resource: 'column',
			operation: 'list',
			docId: byId(doc.id),
			tableId: byId('Tasks'),
			returnAll: false,
			limit: 2,
		});
		expect(limited.json.map((c) => c.name)).toEqual(['Name', 'Status']);

		const column = await run({
			resource: 'column',
			operation: 'get',
			docId: byId(doc.id),
			tableId: byId('Tasks'),
			columnId: byId('Status'),
		});
		expect(column.json[0]).toMatchObject({
			id: doc.tables.Tasks.columns.Status,
			name: 'Status',
			type: 'column',
		});
	});

	it('lists and gets formulas and controls', async () => {
		const formulas = await run({
			resource: 'formula',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
			options: { sortByName: true },
		});
		expect(formulas.json.map((f) => f.name)).toEqual(['Total']);
		const formula = await run({
			resource: 'formula',
			operation: 'get',
			docId: byId(doc.id),
			formulaId: byId('Total'),
		});
		expect(formula.json[0]).toMatchObject({ id: doc.formulas.Total, value: 42 });

		const controls = await run({
			resource: 'control',
			operation: 'list',
			docId: byId(doc.id),
			returnAll: true,
		});
		expect(controls.json.map((c) => c.name)).toEqual(['Threshold']);
		const control = await run({
			resource: 'control',
			operation: 'get',
			docId: byId(doc.id),
			controlId: byId(doc.controls.Threshold),
		});
		expect(control.json[0]).toMatchObject({ name: 'Threshold', controlType: 'slider', value: 10 });
	});

	it('reports a queued mutation as pending, then completed', async () => {
		fake.setMutationDelay(300);
		const inserted = await run(
			{
				resource: 'row',
				operation: 'insert',
				docId: byId(doc.id),
				tableId: byId('Tasks'),
				dataMode: 'autoMap',
			},
			{ items: [{ json: { Name: 'Pending task' } }] },
		);
		const requestId = String(inserted.json[0].requestId);
		const pending = await run({ resource: 'mutationStatus', operation: 'get', requestId });
		expect(pending.json[0]).toEqual({ requestId, completed: false });
		await new Promise((resolve) => setTimeout(resolve, 350));
		const done = await run({ resource: 'mutationStatus', operation: 'get', requestId });
		expect(done.json[0]).toEqual({ requestId, completed: true });
	});
});

describe('credential', () => {
	it('its test request reaches /whoami with the Bearer token, whatever the trailing slash', async () => {
		const credential = new CloudPackCodaApi();
		expect(credential.name).toBe('cloudPackCodaApi');
		expect(credential.properties.find((p) => p.name === 'apiToken')?.typeOptions).toEqual({
			password: true,
		});
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://coda.io/apis/v1',
		);
		for (const baseUrl of [fake.url, `${fake.url}/`]) {
			const { request } = credential.test;
			expect(request.baseURL).toBe('={{$credentials.baseUrl}}');
			const signed = await credential.authenticate(
				{ apiToken: fake.token, baseUrl },
				{ baseURL: baseUrl, url: request.url ?? '' },
			);
			const header = String(signed.headers?.Authorization);
			expect(header).toBe(`Bearer ${fake.token}`);
			const response = await axios.request({
				baseURL: baseUrl,
				url: request.url,
				method: request.method,
				headers: { Authorization: header },
			});
			expect(response.status).toBe(200);
			expect(response.data).toMatchObject({ type: 'user', loginId: 'fake.user@example.com' });
		}
		expect(fake.requests.map((r) => r.path)).toEqual(['/apis/v1/whoami', '/apis/v1/whoami']);
	});

	it.each([
		['https://user:pw-0815@coda.io/apis/v1', /must not contain a user name or password/],
		['http://coda.example.com/apis/v1', /must use https:\/\//],
	])('refuses to send the token to %s', async (baseUrl, problem) => {
		const credential = new CloudPackCodaApi();
		const attempt = credential.authenticate(
			{ apiToken: 'tok', baseUrl },
			{ baseURL: baseUrl, url: '/whoami' },
		);
		await expect(attempt).rejects.toThrow(problem);
		await expect(attempt).rejects.not.toThrow(/pw-0815/);
	});
});

describe('pickers (listSearch)', () => {
	it('searches docs, pages, tables, columns and rows', async () => {
		fake.seedDoc({ name: 'Budget 2024' });
		const docs = await listSearch.searchDocs.call(codaLoadOptionsContext(fake, {}).ctx, 'budget');
		expect(docs.results.map((r) => r.name)).toEqual(['Budget 2024']);
		expect(fake.requests.at(-1)?.query).toContain('query=budget');

		const current = { docId: byId(doc.id), tableId: byId(doc.tables.Tasks.id) };
		const pages = await listSearch.searchPages.call(
			codaLoadOptionsContext(fake, current).ctx,
			'det',
		);
		expect(pages.results).toEqual([
			expect.objectContaining({ name: 'Details', value: doc.pages.Details }),
		]);

		const tables = await listSearch.searchTables.call(codaLoadOptionsContext(fake, current).ctx);
		expect(tables.results.map((r) => r.name)).toEqual(['Projects', 'Tasks', 'Open tasks (view)']);

		const columns = await listSearch.searchColumns.call(
			codaLoadOptionsContext(fake, current).ctx,
			'stat',
		);
		expect(columns.results).toEqual([{ name: 'Status', value: doc.tables.Tasks.columns.Status }]);

		const rows = await listSearch.searchRows.call(
			codaLoadOptionsContext(fake, current).ctx,
			'task 3',
		);
		expect(rows.results).toEqual([
			expect.objectContaining({ name: 'Task 3', value: doc.tables.Tasks.rowIds[2] }),
		]);
	});

	it('pages through docs with the pagination token', async () => {
		for (let i = 0; i < 60; i++) fake.seedDoc({ name: `Doc ${i}` });
		const first = await listSearch.searchDocs.call(codaLoadOptionsContext(fake, {}).ctx);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBeTruthy();
		const second = await listSearch.searchDocs.call(
			codaLoadOptionsContext(fake, {}).ctx,
			undefined,
			first.paginationToken as string,
		);
		expect(second.results).toHaveLength(11);
		expect(second.paginationToken).toBeUndefined();
	});

	it('returns nothing until a doc is chosen', async () => {
		const tables = await listSearch.searchTables.call(
			codaLoadOptionsContext(fake, { docId: byId('') }).ctx,
		);
		expect(tables.results).toEqual([]);
		expect(fake.requests).toEqual([]);
	});
});
