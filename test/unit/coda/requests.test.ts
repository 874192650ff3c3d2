import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { runCoda } from '../../helpers/codaContext';
import { FaultServer, sendJson } from '../transport/fakeContext';

/**
 * Request building of every Coda operation: method, path, query and body as sent to the
 * transport, against a server that answers any request with a plausible body.
 */

const TOKEN = 'coda-unit-token-abcdef';
let server: FaultServer;
let base: string;

const COLUMNS = [
	{ id: 'c-name', name: 'Name' },
	{ id: 'c-status', name: 'Status' },
];

beforeAll(async () => {
	server = new FaultServer();
	base = `${await server.start()}/apis/v1`;
	server.reset((req, res) => {
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET' && path.endsWith('/columns'))
			return sendJson(res, 200, { items: COLUMNS });
		if (req.method === 'GET' && /\/(docs|pages|tables|rows|formulas|controls|content)$/.test(path))
			return sendJson(res, 200, { items: [{ id: 'x' }] });
		if (path.includes('/mutationStatus/')) return sendJson(res, 200, { completed: true });
		if (path.endsWith('/export'))
			return sendJson(res, 202, { id: 'e1', status: 'complete', href: `${base}/e1` });
		if (/\/export\/[^/]+$/.test(path))
			return sendJson(res, 200, {
				id: 'e1',
				status: 'complete',
				href: 'h',
				downloadLink: `${base}/download/e1`,
			});
		if (path.includes('/download/')) {
			res.writeHead(200, { 'content-type': 'text/html' });
			return res.end('<p>hi</p>');
		}
		if (path.endsWith('/rows') && req.method === 'POST')
			return sendJson(res, 202, { requestId: 'r1', addedRowIds: ['i-1', 'i-2'] });
		return sendJson(res, req.method === 'GET' ? 200 : 202, { requestId: 'r1', id: 'x' });
	});
});

afterAll(async () => {
	await server.stop();
});

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const DOC = { docId: id('D1') };
const TABLE = { ...DOC, tableId: id('T 1') };

type Case = [string, IDataObject, Partial<IHttpRequestOptions> & { url: string }, IDataObject[]?];

const CASES: Case[] = [
	[
		'doc list',
		{
			resource: 'doc',
			operation: 'list',
			returnAll: false,
			limit: 5,
			filters: {
				query: 'plan',
				isOwner: true,
				isPublished: false,
				workspaceId: 'ws-1',
				folderId: 'fl-1',
				sourceDoc: 'S',
				isStarred: true,
				inGallery: false,
			},
		},
		{
			method: 'GET',
			url: '/docs',
			qs: {
				query: 'plan',
				isOwner: true,
				isPublished: false,
				workspaceId: 'ws-1',
				folderId: 'fl-1',
				sourceDoc: 'S',
				isStarred: true,
				inGallery: false,
				limit: 5,
			},
		},
	],
	[
		'doc create',
		{
			resource: 'doc',
			operation: 'create',
			title: ' Plan ',
			options: { sourceDoc: 'S', folderId: 'fl-1', timezone: 'Europe/Paris' },
		},
		{
			method: 'POST',
			url: '/docs',
			body: { title: 'Plan', sourceDoc: 'S', folderId: 'fl-1', timezone: 'Europe/Paris' },
		},
	],
	['doc get', { resource: 'doc', operation: 'get', ...DOC }, { method: 'GET', url: '/docs/D1' }],
	[
		'doc update',
		{
			resource: 'doc',
			operation: 'update',
			...DOC,
			updateFields: { title: 'New', iconName: 'rocket' },
		},
		{ method: 'PATCH', url: '/docs/D1', body: { title: 'New', iconName: 'rocket' } },
	],
	[
		'doc delete',
		{ resource: 'doc', operation: 'delete', ...DOC },
		{ method: 'DELETE', url: '/docs/D1' },
	],
	[
		'page list',
		{ resource: 'page', operation: 'list', ...DOC, returnAll: true },
		{ method: 'GET', url: '/docs/D1/pages', qs: { limit: 500 } },
	],
	[
		'page create',
		{
			resource: 'page',
			operation: 'create',
			...DOC,
			name: 'P',
			content: '<b>x</b>',
			contentFormat: 'html',
			options: {
				subtitle: 's',
				parentPageId: 'canvas-1',
				iconName: 'i',
				imageUrl: 'https://x/y.png',
			},
		},
		{
			method: 'POST',
			url: '/docs/D1/pages',
			body: {
				name: 'P',
				subtitle: 's',
				iconName: 'i',
				imageUrl: 'https://x/y.png',
				parentPageId: 'canvas-1',
				pageContent: { type: 'canvas', canvasContent: { format: 'html', content: '<b>x</b>' } },
			},
		},
	],
	[
		'page get',
		{ resource: 'page', operation: 'get', ...DOC, pageId: id('My page') },
		{ method: 'GET', url: '/docs/D1/pages/My%20page' },
	],
	[
		'page update',
		{
			resource: 'page',
			operation: 'update',
			...DOC,
			pageId: id('P'),
			updateFields: { name: 'N', isHidden: false },
			content: 'more',
			contentFormat: 'markdown',
			insertionMode: 'prepend',
			elementId: 'cl-1',
		},
		{
			method: 'PUT',
			url: '/docs/D1/pages/P',
			body: {
				name: 'N',
				isHidden: false,
				contentUpdate: {
					insertionMode: 'prepend',
					elementId: 'cl-1',
					canvasContent: { format: 'markdown', content: 'more' },
				},
			},
		},
	],
	[
		'page delete',
		{ resource: 'page', operation: 'delete', ...DOC, pageId: id('P') },
		{ method: 'DELETE', url: '/docs/D1/pages/P' },
	],
	[
		'page get content',
		{
			resource: 'page',
			operation: 'getContent',
			...DOC,
			pageId: id('P'),
			returnAll: false,
			limit: 10,
		},
		{
			method: 'GET',
			url: '/docs/D1/pages/P/content',
			qs: { contentFormat: 'plainText', limit: 10 },
		},
	],
	[
		'page delete content',
		{
			resource: 'page',
			operation: 'deleteContent',
			...DOC,
			pageId: id('P'),
			elementIds: 'cl-1,cl-2',
		},
		{ method: 'DELETE', url: '/docs/D1/pages/P/content', body: { elementIds: ['cl-1', 'cl-2'] } },
	],
	[
		'page export content',
		{
			resource: 'page',
			operation: 'exportContent',
			...DOC,
			pageId: id('P'),
			outputFormat: 'markdown',
		},
		{ method: 'POST', url: '/docs/D1/pages/P/export', body: { outputFormat: 'markdown' } },
	],
	[
		'table list',
		{
			resource: 'table',
			operation: 'list',
			...DOC,
			returnAll: true,
			options: { tableTypes: ['table'], sortByName: true },
		},
		{
			method: 'GET',
			url: '/docs/D1/tables',
			qs: { tableTypes: 'table', sortBy: 'name', limit: 500 },
		},
	],
	[
		'table get',
		{ resource: 'table', operation: 'get', ...TABLE },
		{ method: 'GET', url: '/docs/D1/tables/T%201' },
	],
	[
		'column list',
		{
			resource: 'column',
			operation: 'list',
			...TABLE,
			returnAll: true,
			options: { visibleOnly: true },
		},
		{ method: 'GET', url: '/docs/D1/tables/T%201/columns', qs: { visibleOnly: true, limit: 100 } },
	],
	[
		'column get',
		{ resource: 'column', operation: 'get', ...TABLE, columnId: id('c-1') },
		{ method: 'GET', url: '/docs/D1/tables/T%201/columns/c-1' },
	],
	[
		'row list',
		{
			resource: 'row',
			operation: 'list',
			...TABLE,
			returnAll: false,
			limit: 20,
			options: {
				filterColumn: 'Status',
				filterValue: 'Done',
				sortBy: 'updatedAt',
				useColumnNames: true,
				valueFormat: 'rich',
				visibleOnly: true,
			},
		},
		{
			method: 'GET',
			url: '/docs/D1/tables/T%201/rows',
			qs: {
				query: '"Status":"Done"',
				sortBy: 'updatedAt',
				useColumnNames: true,
				valueFormat: 'rich',
				visibleOnly: true,
				limit: 20,
			},
		},
	],
	[
		'row get',
		{
			resource: 'row',
			operation: 'get',
			...TABLE,
			rowId: id('i-1'),
			options: { useColumnNames: true, valueFormat: 'simpleWithArrays' },
		},
		{
			method: 'GET',
			url: '/docs/D1/tables/T%201/rows/i-1',
			qs: { useColumnNames: true, valueFormat: 'simpleWithArrays' },
		},
	],
	[
		'row insert',
		{
			resource: 'row',
			operation: 'insert',
			...TABLE,
			dataMode: 'autoMap',
			options: { disableParsing: true },
		},
		{
			method: 'POST',
			url: '/docs/D1/tables/T%201/rows',
			qs: { disableParsing: true },
			body: {
				rows: [
					{ cells: [{ column: 'c-name', value: 'a' }] },
					{
						cells: [
							{ column: 'c-name', value: 'b' },
							{ column: 'c-status', value: 'Open' },
						],
					},
				],
			},
		},
		[{ Name: 'a' }, { Name: 'b', Status: 'Open' }],
	],
	[
		'row upsert',
		{ resource: 'row', operation: 'upsert', ...TABLE, keyColumns: 'Name', dataMode: 'autoMap' },
		{
			method: 'POST',
			url: '/docs/D1/tables/T%201/rows',
			body: {
				rows: [
					{
						cells: [
							{ column: 'c-name', value: 'a' },
							{ column: 'c-status', value: 'Done' },
						],
					},
				],
				keyColumns: ['c-name'],
			},
		},
		[{ Name: 'a', Status: 'Done' }],
	],
	[
		'row update',
		{
			resource: 'row',
			operation: 'update',
			...TABLE,
			rowId: id('i-1'),
			dataMode: 'json',
			cellsJson: '{"Status": "Done"}',
		},
		{
			method: 'PUT',
			url: '/docs/D1/tables/T%201/rows/i-1',
			body: { row: { cells: [{ column: 'c-status', value: 'Done' }] } },
		},
	],
	[
		'row delete',
		{ resource: 'row', operation: 'delete', ...TABLE, rowId: id('i-1') },
		{ method: 'DELETE', url: '/docs/D1/tables/T%201/rows/i-1' },
	],
	[
		'row delete many',
		{ resource: 'row', operation: 'deleteMany', ...TABLE, rowIds: 'i-1, i-2' },
		{ method: 'DELETE', url: '/docs/D1/tables/T%201/rows', body: { rowIds: ['i-1', 'i-2'] } },
	],
	[
		'row push button',
		{
			resource: 'row',
			operation: 'pushButton',
			...TABLE,
			rowId: id('i-1'),
			columnId: id('c-button'),
		},
		{ method: 'POST', url: '/docs/D1/tables/T%201/rows/i-1/buttons/c-button' },
	],
	[
		'formula list',
		{
			resource: 'formula',
			operation: 'list',
			...DOC,
			returnAll: true,
			options: { sortByName: true },
		},
		{ method: 'GET', url: '/docs/D1/formulas', qs: { sortBy: 'name', limit: 500 } },
	],
	[
		'formula get',
		{ resource: 'formula', operation: 'get', ...DOC, formulaId: id('Total') },
		{ method: 'GET', url: '/docs/D1/formulas/Total' },
	],
	[
		'control list',
		{ resource: 'control', operation: 'list', ...DOC, returnAll: false, limit: 2 },
		{ method: 'GET', url: '/docs/D1/controls', qs: { limit: 2 } },
	],
	[
		'control get',
		{ resource: 'control', operation: 'get', ...DOC, controlId: id('ctrl-1') },
		{ method: 'GET', url: '/docs/D1/controls/ctrl-1' },
	],
	[
		'mutation status get',
		{ resource: 'mutationStatus', operation: 'get', requestId: 'abc-123' },
		{ method: 'GET', url: '/mutationStatus/abc-123' },
	],
];

describe('each operation sends the request Coda documents', () => {
	it.each(CASES.map(([name, params, expected, inputs]) => ({ name, params, expected, inputs })))(
		'$name',
		async ({ params, expected, inputs }) => {
			const result = await runCoda(
				{ url: base, token: TOKEN },
				{ params, items: inputs?.map((json) => ({ json })) },
			);
			const sent = result.calls.filter(
				(call) => !String(call.url).endsWith('/columns') || expected.url.endsWith('/columns'),
			);
			const call = sent[0];
			expect(call.method).toBe(expected.method);
			expect(call.url).toBe(`${base}${expected.url}`);
			expect(call.qs ?? {}).toEqual(expected.qs ?? {});
			if (expected.body) expect(call.body).toEqual(expected.body);
			else if (call.method !== 'DELETE') expect(call.body).toBeUndefined();
			expect(call.headers?.Authorization).toBeUndefined(); // added by the credential, never by the node
			expect(result.output.length).toBeGreaterThan(0);
		},
	);
});

describe('a bad "Wait Timeout (Seconds)" is refused before the write it would wait for', () => {
	const wait = { waitForCompletion: true, waitTimeout: 0 };
	it.each([
		['page create', { resource: 'page', operation: 'create', ...DOC, name: 'P', ...wait }],
		['page delete', { resource: 'page', operation: 'delete', ...DOC, pageId: id('p1'), ...wait }],
		['doc create', { resource: 'doc', operation: 'create', title: 'Plan', ...wait }],
		['row delete', { resource: 'row', operation: 'delete', ...TABLE, rowId: id('i-1'), ...wait }],
		[
			'button push',
			{
				resource: 'row',
				operation: 'pushButton',
				...TABLE,
				rowId: id('i-1'),
				columnId: id('c-button'),
				...wait,
			},
		],
	])('%s: nothing sent', async (_name, params) => {
		const result = await runCoda(
			{ url: base, token: TOKEN },
			{ params: params as IDataObject, continueOnFail: true },
		);
		expect(result.json[0].error).toBe(
			'Invalid "Wait Timeout (Seconds)": 0 is below the minimum of 1',
		);
		expect(result.calls.filter((call) => call.method !== 'GET')).toEqual([]);
	});
});
