import { readFileSync } from 'fs';
import * as path from 'path';

import {
	CODA_RATE_LIMITS,
	startCodaFake,
	type CodaFake,
	type SeededDoc,
} from '../fakes/coda/server';
import { N8nInstance } from './harness/n8n';
import { PACK, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';

/**
 * The Coda node inside a real n8n, against the Coda fake running in this jest process with
 * Coda's published rate limits (read 100/6 s, write 10/6 s, doc content 5/10 s, list docs 4/6 s).
 */

jest.setTimeout(10 * 60_000);

const CREDENTIAL = { cloudPackCodaApi: { id: 'codaFake01', name: 'Coda fake' } };
const id = (value: string) => ({ __rl: true, mode: 'id', value });

let fake: CodaFake;
let n8n: N8nInstance;
let doc: SeededDoc;

function coda(
	name: string,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> & { executeOnce?: boolean } = {},
): WorkflowNode {
	return {
		name,
		type: `${PACK}.coda`,
		parameters,
		credentials: CREDENTIAL,
		...extra,
	} as WorkflowNode;
}

/** A Code node emitting `count` items built by `body` (JavaScript, `i` is the index). */
function makeItems(name: string, count: number, body: string): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: ${body} }));`,
		},
	};
}

const tasks = () =>
	fake.store.docs.find((d) => d.id === doc.id)!.tables.find((t) => t.name === 'Tasks')!;
const writes = () => fake.requests.filter((r) => r.method !== 'GET');

beforeAll(async () => {
	fake = await startCodaFake();
	n8n = await N8nInstance.create({}, 'server');
	await n8n.importCredentials([
		{
			id: 'codaFake01',
			name: 'Coda fake',
			type: 'cloudPackCodaApi',
			data: { apiToken: fake.token, baseUrl: fake.url },
		},
	]);
});

afterAll(async () => {
	await n8n?.dispose();
	await fake?.close();
});

beforeEach(() => {
	fake.reset();
	fake.setRateLimit(CODA_RATE_LIMITS);
	fake.setMutationDelay(300);
	doc = fake.seedSampleDoc();
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

describe('Coda node in a real n8n', () => {
	it("writes 1,000 rows from 1,000 items under Coda's rate limits, waits for them, and reads them all back over several pages", async () => {
		await n8n.importWorkflow(
			workflow('e2eCodaThousandRows', [
				manualTrigger,
				makeItems(
					'Make Rows',
					1000,
					"{ Name: `Row ${i}`, Points: i, Status: ['Open', 'Done'][i % 2] }",
				),
				coda('Insert', {
					resource: 'row',
					operation: 'insert',
					docId: id(doc.id),
					tableId: id(doc.tables.Tasks.id),
					dataMode: 'autoMap',
					waitForCompletion: true,
				}),
				coda(
					'Read Back',
					{
						resource: 'row',
						operation: 'list',
						docId: id(doc.id),
						tableId: id('Tasks'),
						returnAll: true,
						options: { useColumnNames: true },
					},
					{ executeOnce: true },
				),
			]),
		);
		const started = Date.now();
		const run = await n8n.execute('e2eCodaThousandRows');
		const elapsedMs = Date.now() - started;
		const nodeMs = (name: string) =>
			run.raw.data.resultData.runData[name][0].executionTime as number;
		console.log(
			`[coda e2e] 1,000 rows: workflow ${elapsedMs} ms (n8n execute, process start included); node "Insert" ${nodeMs('Insert')} ms (2 requests + waits), "Read Back" ${nodeMs('Read Back')} ms (3 pages)`,
		);

		const inserted = run.output('Insert');
		expect(inserted).toHaveLength(1000);
		expect(new Set(inserted.map((item) => item.json.rowId)).size).toBe(1000);
		expect(inserted.every((item) => item.json.applied === true)).toBe(true);
		expect(new Set(inserted.map((item) => item.json.requestId)).size).toBe(2);
		expect(tasks().rows).toHaveLength(1005);
		inserted.forEach((item, i) => {
			const row = tasks().rows.find((r) => r.id === item.json.rowId)!;
			expect(row.values.get(doc.tables.Tasks.columns.Name)).toBe(`Row ${i}`);
		});
		expect(writes().filter((r) => r.path.endsWith('/rows'))).toHaveLength(2);
		expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);

		const readBack = run.output('Read Back');
		expect(readBack).toHaveLength(1005);
		expect(readBack.slice(5).map((item) => item.json.values.Name)).toEqual(
			Array.from({ length: 1000 }, (_, i) => `Row ${i}`),
		);
		const pages = fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/rows'));
		expect(pages).toHaveLength(3);
		expect(pages.slice(1).every((r) => r.query.includes('pageToken='))).toBe(true);
	});

	it("writes 1,000 rows in 40 requests of 25 (four times Coda's write limit per 6 s) without an error", async () => {
		fake.setMutationDelay(0); // the store is read directly below: apply each write at once
		await n8n.importWorkflow(
			workflow('e2eCodaSmallBatches', [
				manualTrigger,
				makeItems('Make Rows', 1000, '{ Name: `Small ${i}` }'),
				coda('Insert', {
					resource: 'row',
					operation: 'insert',
					docId: id(doc.id),
					tableId: id('Tasks'),
					dataMode: 'autoMap',
					options: { rowsPerRequest: 25 },
				}),
			]),
		);
		const started = Date.now();
		const run = await n8n.execute('e2eCodaSmallBatches');
		const elapsedMs = Date.now() - started;
		const limited = fake.requests.filter((r) => r.status === 429).length;
		const insertMs = run.raw.data.resultData.runData.Insert[0].executionTime as number;
		console.log(
			`[coda e2e] 1,000 rows in 40 requests under write 10/6 s: workflow ${elapsedMs} ms, node ${insertMs} ms, ${limited} answers 429 retried`,
		);

		expect(run.output('Insert')).toHaveLength(1000);
		expect(fake.requests.filter((r) => r.method === 'POST' && r.status === 202)).toHaveLength(40);
		expect(limited).toBeGreaterThan(0);
		expect(
			tasks()
				.rows.slice(5)
				.map((r) => r.values.get(doc.tables.Tasks.columns.Name)),
		).toEqual(Array.from({ length: 1000 }, (_, i) => `Small ${i}`));
		// 40 writes at 10 per 6 s cannot take less than three full windows
		expect(insertMs).toBeGreaterThan(18_000);
	});

	it('survives a 429 storm: back-to-back writes and a many-page read keep meeting 429s, and all complete exactly once', async () => {
		const big = fake.seedDoc({
			name: 'Big',
			tables: [
				{
					name: 'Log',
					columns: [{ name: 'N', type: 'number' }],
					rows: Array.from({ length: 2000 }, (_, i) => ({ N: i })),
				},
			],
		});
		fake.setRateLimit({ write: { count: 2, windowMs: 2000 }, read: { count: 1, windowMs: 1000 } });
		await n8n.importWorkflow(
			workflow('e2eCodaStorm', [
				manualTrigger,
				makeItems('Make Rows', 12, '{ Name: `Storm ${i}` }'),
				coda('Insert One by One', {
					resource: 'row',
					operation: 'insert',
					docId: id(doc.id),
					tableId: id('Tasks'),
					dataMode: 'autoMap',
					options: { rowsPerRequest: 1 },
				}),
				coda(
					'Read All',
					{
						resource: 'row',
						operation: 'list',
						docId: id(big.id),
						tableId: id('Log'),
						returnAll: true,
					},
					{ executeOnce: true },
				),
			]),
		);
		const started = Date.now();
		const run = await n8n.execute('e2eCodaStorm');
		const limitedWrites = fake.requests.filter(
			(r) => r.status === 429 && r.method === 'POST',
		).length;
		const limitedReads = fake.requests.filter((r) => r.status === 429 && r.method === 'GET').length;
		console.log(
			`[coda e2e] 429 storm: 12 single-row writes and a 4-page read in ${Date.now() - started} ms (${limitedWrites} writes and ${limitedReads} reads answered 429)`,
		);

		expect(run.output('Insert One by One')).toHaveLength(12);
		expect(limitedWrites).toBeGreaterThanOrEqual(3);
		expect(limitedReads).toBeGreaterThanOrEqual(3);
		expect(fake.requests.filter((r) => r.method === 'POST' && r.status === 202)).toHaveLength(12);
		// exactly once each, in order: a 429 is retried, never duplicated
		expect(
			tasks()
				.rows.slice(5)
				.map((r) => r.values.get(doc.tables.Tasks.columns.Name)),
		).toEqual(Array.from({ length: 12 }, (_, i) => `Storm ${i}`));
		const read = run.output('Read All');
		expect(read.map((item) => item.json.values[big.tables.Log.columns.N])).toEqual(
			Array.from({ length: 2000 }, (_, i) => i),
		);
	});

	it('upserts on a key column, exports a page as a binary file and lists docs', async () => {
		await n8n.importWorkflow(
			workflow('e2eCodaUpsertExport', [
				manualTrigger,
				makeItems('Make Rows', 3, "{ Name: ['Task 1', 'Task 2', 'New task'][i], Status: 'Done' }"),
				coda('Upsert', {
					resource: 'row',
					operation: 'upsert',
					docId: id(doc.id),
					tableId: id('Tasks'),
					keyColumns: 'Name',
					dataMode: 'autoMap',
					waitForCompletion: true,
				}),
				coda(
					'Export',
					{
						resource: 'page',
						operation: 'exportContent',
						docId: id(doc.id),
						pageId: id('Overview'),
						outputFormat: 'markdown',
					},
					{ executeOnce: true },
				),
				coda(
					'Docs',
					{ resource: 'doc', operation: 'list', returnAll: true, filters: { query: 'sample' } },
					{ executeOnce: true },
				),
			]),
		);
		const run = await n8n.execute('e2eCodaUpsertExport');

		expect(run.output('Upsert').map((item) => item.json.applied)).toEqual([true, true, true]);
		expect(tasks().rows).toHaveLength(6);
		const status = (rowIndex: number) =>
			tasks().rows[rowIndex].values.get(doc.tables.Tasks.columns.Status);
		expect([status(0), status(1), status(2), status(5)]).toEqual(['Done', 'Done', 'Done', 'Done']);

		const exported = run.output('Export');
		expect(exported).toHaveLength(1);
		const binary = exported[0].binary!.data;
		expect(binary.mimeType).toBe('text/markdown');
		const file = path.join(
			n8n.folder,
			'.n8n',
			'storage',
			String(binary.id).replace(/^filesystem(-v2)?:/, ''),
		);
		expect(readFileSync(file, 'utf8')).toContain('# Welcome');

		expect(run.output('Docs').map((item) => item.json.name)).toEqual(['Sample doc']);
	});

	it.each([
		[
			'malformed cells JSON',
			{ dataMode: 'json', cellsJson: '{ "Name": ' },
			/Invalid "Cells \(JSON\)": it is not valid JSON/,
		],
		[
			'a column that does not exist',
			{ dataMode: 'json', cellsJson: '{ "Nmae": "x" }' },
			/Invalid "Cells \(JSON\)": the table "Tasks" has no column "Nmae"/,
		],
		[
			'an unknown table',
			{ tableId: id('grid-missing'), dataMode: 'json', cellsJson: '{ "Name": "x" }' },
			/Coda could not find the table \(HTTP 404\)/,
		],
		[
			'an unknown doc',
			{ docId: id('NoSuchDoc'), dataMode: 'json', cellsJson: '{ "Name": "x" }' },
			/Coda could not find the doc \(HTTP 404\)/,
		],
		// (left truly empty, n8n itself refuses to start: "Key Columns" is a required parameter)
		[
			'an empty key-column list with upsert',
			{ operation: 'upsert', keyColumns: ' , ', dataMode: 'json', cellsJson: '{ "Name": "x" }' },
			/Invalid "Key Columns": give at least one column/,
		],
	])(
		'stops with a clear error and writes nothing on bad input: %s',
		async (label, parameters, message) => {
			const workflowId = `e2eCodaBad${label
				.split(' ')
				.map((word) => word[0])
				.join('')}`;
			await n8n.importWorkflow(
				workflow(workflowId, [
					manualTrigger,
					coda('Write', {
						resource: 'row',
						operation: 'insert',
						docId: id(doc.id),
						tableId: id('Tasks'),
						...parameters,
					}),
				]),
			);
			const failure = await n8n.executeExpectingFailure(workflowId);
			expect(failure).toMatch(message);
			expect(failure).not.toContain(fake.token);
			expect(writes()).toEqual([]);
			expect(tasks().rows).toHaveLength(5);
		},
	);
});
