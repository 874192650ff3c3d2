import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startCodaFake, type CodaFake, type SeededDoc } from '../fakes/coda/server';
import { byId, runCoda, runCodaFailing } from '../helpers/codaContext';

/** The Coda node's row operations against the fake: reads, batched writes, bad input, rate limits. */

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
	fake.setRateLimit(NO_LIMITS);
	fake.setMutationDelay(0);
	doc = fake.seedSampleDoc();
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

const tasks = () =>
	fake.store.docs.find((d) => d.id === doc.id)!.tables.find((t) => t.name === 'Tasks')!;
const col = (name: string) => doc.tables.Tasks.columns[name];
const valuesOf = (rowIndex: number) =>
	Object.fromEntries(
		[...tasks().rows[rowIndex].values].map(([id, value]) => [
			Object.keys(doc.tables.Tasks.columns).find((n) => col(n) === id),
			value,
		]),
	);
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/rows'));
const items = (list: IDataObject[]): INodeExecutionData[] => list.map((json) => ({ json }));
const rowParams = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'row',
	operation,
	docId: byId(doc.id),
	tableId: byId(doc.tables.Tasks.id),
	...extra,
});

describe('reading rows', () => {
	it('filters by a column value, sorts, uses column names and a value format', async () => {
		const done = await runCoda(fake, {
			params: rowParams('list', {
				returnAll: true,
				options: { filterColumn: 'Status', filterValue: 'Done', useColumnNames: true },
			}),
		});
		expect(done.json.map((r) => r.name)).toEqual(['Task 3']);
		expect((done.json[0].values as Record<string, unknown>).Status).toBe('Done');
		expect(decodeURIComponent(fake.requests.at(-1)!.query)).toContain('query="Status":"Done"');

		const byNumber = await runCoda(fake, {
			params: rowParams('list', {
				returnAll: true,
				options: { filterColumn: col('Points'), filterValue: '4' },
			}),
		});
		expect(byNumber.json.map((r) => r.name)).toEqual(['Task 4']);

		const rich = await runCoda(fake, {
			params: rowParams('list', {
				returnAll: false,
				limit: 1,
				options: { valueFormat: 'rich', useColumnNames: true },
			}),
		});
		expect((rich.json[0].values as Record<string, any>).Budget).toMatchObject({
			'@type': 'MonetaryAmount',
			amount: 10.5,
		});

		const arrays = await runCoda(fake, {
			params: rowParams('list', {
				returnAll: false,
				limit: 1,
				options: { valueFormat: 'simpleWithArrays', useColumnNames: true },
			}),
		});
		expect((arrays.json[0].values as Record<string, unknown>).Tags).toEqual(['red', 'blue']);

		fake.store.docs[0].tables.find((t) => t.name === 'Tasks')!.rows[0].hidden = true;
		const visible = await runCoda(fake, {
			params: rowParams('list', {
				returnAll: true,
				options: { visibleOnly: true, sortBy: 'natural' },
			}),
		});
		expect(visible.json.map((r) => r.name)).toEqual(['Task 2', 'Task 3', 'Task 4', 'Task 5']);
	});

	it('returns all rows over several pages following pageToken, or stops at the limit', async () => {
		const big = fake.seedDoc({
			name: 'Big',
			tables: [
				{
					name: 'Log',
					columns: [{ name: 'N', type: 'number' }],
					rows: Array.from({ length: 1203 }, (_, i) => ({ N: i })),
				},
			],
		});
		fake.requests.length = 0;
		const all = await runCoda(fake, {
			params: {
				resource: 'row',
				operation: 'list',
				docId: byId(big.id),
				tableId: byId('Log'),
				returnAll: true,
			},
		});
		expect(all.json).toHaveLength(1203);
		expect(
			all.json.map((r) => (r.values as Record<string, number>)[big.tables.Log.columns.N]),
		).toEqual(Array.from({ length: 1203 }, (_, i) => i));
		const pages = fake.requests.filter((r) => r.path.endsWith('/rows'));
		expect(pages).toHaveLength(3);
		expect(pages[1].query).toContain('pageToken=');

		fake.requests.length = 0;
		const limited = await runCoda(fake, {
			params: {
				resource: 'row',
				operation: 'list',
				docId: byId(big.id),
				tableId: byId('Log'),
				returnAll: false,
				limit: 30,
			},
		});
		expect(limited.json).toHaveLength(30);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0].query).toContain('limit=30');
	});

	it('gets a row by ID or by display name', async () => {
		const byRowId = await runCoda(fake, {
			params: rowParams('get', {
				rowId: byId(doc.tables.Tasks.rowIds[1]),
				options: { useColumnNames: true },
			}),
		});
		expect(byRowId.json[0]).toMatchObject({ id: doc.tables.Tasks.rowIds[1], name: 'Task 2' });
		expect((byRowId.json[0].values as Record<string, unknown>).Points).toBe(2);
		const byName = await runCoda(fake, { params: rowParams('get', { rowId: byId('Task 4') }) });
		expect(byName.json[0].id).toBe(doc.tables.Tasks.rowIds[3]);
	});
});

describe('inserting and upserting many rows', () => {
	it('inserts one row per item in one request, pairing each output with its item and new row ID', async () => {
		const input = items([
			{ Name: 'Alpha', Points: 7, Done: false, Tags: ['red'] },
			{ Name: 'Beta', Status: 'Open', ignoreMe: 'x' },
			{ Name: 'Gamma', Due: '2024-05-01' },
		]);
		const result = await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap', columnsToIgnore: 'ignoreMe' }),
			items: input,
		});
		expect(posts()).toHaveLength(1);
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		const rowIds = result.json.map((r) => r.rowId);
		expect(
			tasks()
				.rows.slice(5)
				.map((r) => r.id),
		).toEqual(rowIds);
		expect(result.json[0]).toMatchObject({
			docId: doc.id,
			tableId: doc.tables.Tasks.id,
			rowsInRequest: 3,
		});
		expect(valuesOf(5)).toEqual({ Name: 'Alpha', Points: 7, Done: false, Tags: ['red'] });
		expect(valuesOf(6)).toEqual({ Name: 'Beta', Status: 'Open' });
	});

	it('takes cells as JSON (object or Coda array) and as columns mapped one by one', async () => {
		await runCoda(fake, {
			params: (i) =>
				rowParams('insert', {
					dataMode: 'json',
					cellsJson:
						i === 0
							? '{ "Name": "From object", "Points": 3 }'
							: JSON.stringify([{ column: col('Name'), value: 'From array' }]),
				}),
			items: items([{}, {}]),
		});
		expect(valuesOf(5)).toEqual({ Name: 'From object', Points: 3 });
		expect(valuesOf(6)).toEqual({ Name: 'From array' });

		await runCoda(fake, {
			params: rowParams('insert', {
				dataMode: 'define',
				cellsUi: {
					cellValues: [
						{ column: 'Name', value: 'Defined' },
						{ column: col('Points'), value: '12' },
					],
				},
			}),
		});
		expect(valuesOf(7)).toEqual({ Name: 'Defined', Points: 12 });
	});

	it('sends a value as given with "Disable Parsing"', async () => {
		await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap', options: { disableParsing: true } }),
			items: items([{ Name: 'Raw', Points: '12' }]),
		});
		expect(valuesOf(5)).toEqual({ Name: 'Raw', Points: '12' });
		expect(posts()[0].query).toBe('disableParsing=true');
	});

	it('upserts on key columns: updates the matching row and adds the others', async () => {
		const result = await runCoda(fake, {
			params: rowParams('upsert', { keyColumns: 'Name', dataMode: 'autoMap' }),
			items: items([
				{ Name: 'Task 2', Status: 'Done', Points: 20 },
				{ Name: 'Task 99', Status: 'Open' },
			]),
		});
		expect(posts()).toHaveLength(1);
		expect(result.json.map((r) => r.keyColumns)).toEqual([[col('Name')], [col('Name')]]);
		expect(result.json[0].rowId).toBeUndefined();
		expect(tasks().rows).toHaveLength(6);
		expect(valuesOf(1)).toMatchObject({ Name: 'Task 2', Status: 'Done', Points: 20 });
		expect(valuesOf(5)).toEqual({ Name: 'Task 99', Status: 'Open' });
	});

	it('cuts many items into requests of "Rows per Request" and keeps every output paired', async () => {
		const input = items(Array.from({ length: 1100 }, (_, i) => ({ Name: `Bulk ${i}`, Points: i })));
		const result = await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap' }),
			items: input,
		});
		expect(posts()).toHaveLength(3);
		expect(result.json.map((r) => r.rowsInRequest)).toEqual([
			...Array(500).fill(500),
			...Array(500).fill(500),
			...Array(100).fill(100),
		]);
		expect(new Set(result.json.map((r) => r.requestId)).size).toBe(3);
		expect(tasks().rows).toHaveLength(1105);
		result.json.forEach((r, i) =>
			expect(
				tasks()
					.rows.find((row) => row.id === r.rowId)!
					.values.get(col('Name')),
			).toBe(`Bulk ${i}`),
		);

		fake.requests.length = 0;
		await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap', options: { rowsPerRequest: 40 } }),
			items: input.slice(0, 100),
		});
		expect(posts()).toHaveLength(3);
	}, 120_000); // 1,100 rows through the fake's OpenAPI validation: slow on a busy 2-core machine

	it('groups items by table: each table gets its own requests', async () => {
		const result = await runCoda(fake, {
			params: (i) =>
				rowParams('insert', {
					tableId: byId(i % 2 ? 'Projects' : 'Tasks'),
					dataMode: 'json',
					cellsJson: i % 2 ? '{"Title":"P"}' : '{"Name":"T"}',
				}),
			items: items([{}, {}, {}, {}]),
		});
		expect(posts()).toHaveLength(2);
		expect(result.json.map((r) => r.tableId)).toEqual(['Tasks', 'Projects', 'Tasks', 'Projects']);
	});

	it('waits until Coda has applied the rows when asked', async () => {
		fake.setMutationDelay(400);
		const result = await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap', waitForCompletion: true }),
			items: items([{ Name: 'Waited' }]),
		});
		expect(result.json[0]).toMatchObject({ applied: true });
		expect(tasks().rows).toHaveLength(6);
		expect(
			fake.requests.filter((r) => r.path.startsWith('/apis/v1/mutationStatus/')).length,
		).toBeGreaterThanOrEqual(2);
	});
});

describe('bad input: clear errors naming the parameter, nothing written', () => {
	const nothingWritten = () => {
		expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
		expect(tasks().rows).toHaveLength(5);
	};

	it('a row with a column the table does not have', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('insert', { dataMode: 'autoMap' }),
			items: items([{ Name: 'Fine' }, { Name: 'Typo', Stauts: 'Open' }]),
		});
		expect(error.message).toMatch(
			/^Invalid "Columns": the table "grid-\d+" has no column "Stauts" \(its columns: "Name", "Status",/,
		);
		expect(error.context.itemIndex).toBe(1);
		nothingWritten();
	});

	it('malformed cells JSON', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('insert', { dataMode: 'json', cellsJson: '{ "Name": "x", }' }),
		});
		expect(error.message).toMatch(/^Invalid "Cells \(JSON\)": it is not valid JSON/);
		expect(fake.requests).toEqual([]);
		nothingWritten();
	});

	it('a cell whose value is an object', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('insert', { dataMode: 'autoMap' }),
			items: items([{ Name: { first: 'A' } }]),
		});
		expect(error.message).toBe(
			'Invalid "Columns": the value for column "Name" is an object; Coda takes text, numbers, booleans or arrays of them',
		);
		nothingWritten();
	});

	it('an empty key-column list with upsert', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('upsert', { keyColumns: ' , ', dataMode: 'autoMap' }),
			items: items([{ Name: 'x' }]),
		});
		expect(error.message).toBe(
			'Invalid "Key Columns": give at least one column to match existing rows on (or use "Insert Many" to always add rows)',
		);
		expect(fake.requests).toEqual([]);
		nothingWritten();
	});

	it('a key column the row has no value for', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('upsert', { keyColumns: 'Status', dataMode: 'autoMap' }),
			items: items([{ Name: 'x' }]),
		});
		expect(error.message).toBe(
			'Invalid "Key Columns": the row has no value for the key column(s) "Status"',
		);
		nothingWritten();
	});

	it('an unknown doc or table ID', async () => {
		const noDoc = await runCodaFailing(fake, {
			params: rowParams('insert', { docId: byId('NoSuchDoc'), dataMode: 'autoMap' }),
			items: items([{ Name: 'x' }]),
		});
		expect(noDoc.message).toBe(
			'Coda could not find the doc (HTTP 404): Could not find a doc with the specified ID or name: NoSuchDoc',
		);
		expect(noDoc.description).toBe('Check the parameter "Doc".');
		expect(noDoc.httpCode).toBe('404');

		const noTable = await runCodaFailing(fake, {
			params: rowParams('insert', { tableId: byId('grid-nope'), dataMode: 'autoMap' }),
			items: items([{ Name: 'x' }]),
		});
		expect(noTable.message).toBe(
			'Coda could not find the table (HTTP 404): Could not find a table with the specified ID or name: grid-nope',
		);
		expect(noTable.description).toBe('Check the parameter "Table".');

		const listing = await runCodaFailing(fake, {
			params: rowParams('list', { tableId: byId('grid-nope'), returnAll: true }),
		});
		expect(listing.description).toBe('Check the parameter "Table".');
		nothingWritten();
	});

	it('rows into a view are refused by Coda with its message', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('insert', { tableId: byId('Open tasks'), dataMode: 'autoMap' }),
			items: items([{ Name: 'x' }]),
		});
		expect(error.message).toMatch(
			/^Coda rejected the request as invalid: Rows can only be inserted into base tables, not views/,
		);
		expect(error.httpCode).toBe('400');
		expect(tasks().rows).toHaveLength(5);
	});

	it('with "Continue On Fail", bad items become error items and the others are written', async () => {
		const result = await runCoda(fake, {
			params: (i) =>
				rowParams('insert', {
					dataMode: 'json',
					cellsJson: i === 1 ? 'not json' : `{"Name":"ok ${i}"}`,
				}),
			items: items([{}, {}, {}]),
			continueOnFail: true,
		});
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.json[1].error).toMatch(/^Invalid "Cells \(JSON\)"/);
		expect(result.json[0].rowId).toBeDefined();
		expect(result.json[2].rowId).toBeDefined();
		expect(posts()).toHaveLength(1);
		expect(
			tasks()
				.rows.slice(5)
				.map((r) => r.values.get(col('Name'))),
		).toEqual(['ok 0', 'ok 2']);
	});
});

describe('single-row writes and buttons', () => {
	it('updates a row by column names, resolved to IDs', async () => {
		const result = await runCoda(fake, {
			params: rowParams('update', {
				rowId: byId('Task 1'),
				dataMode: 'define',
				cellsUi: { cellValues: [{ column: 'Status', value: 'Done' }] },
				waitForCompletion: true,
			}),
		});
		expect(result.json[0]).toMatchObject({ rowId: doc.tables.Tasks.rowIds[0], applied: true });
		expect(valuesOf(0).Status).toBe('Done');
		expect(fake.requests.find((r) => r.method === 'PUT')?.path).toBe(
			`/apis/v1/docs/${doc.id}/tables/${doc.tables.Tasks.id}/rows/Task%201`,
		);
	});

	it('refuses to update a column that does not exist, before writing', async () => {
		const error = await runCodaFailing(fake, {
			params: rowParams('update', {
				rowId: byId('Task 1'),
				dataMode: 'json',
				cellsJson: '{"Nope": 1}',
			}),
		});
		expect(error.message).toMatch(
			/^Invalid "Cells \(JSON\)": the table "grid-\d+" has no column "Nope"/,
		);
		expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('deletes one row, and many rows of several items in one request', async () => {
		await runCoda(fake, {
			params: rowParams('delete', {
				rowId: byId(doc.tables.Tasks.rowIds[0]),
				waitForCompletion: true,
			}),
		});
		expect(tasks().rows.map((r) => r.id)).not.toContain(doc.tables.Tasks.rowIds[0]);

		fake.requests.length = 0;
		const ids = doc.tables.Tasks.rowIds;
		const result = await runCoda(fake, {
			params: (i) =>
				rowParams('deleteMany', { rowIds: i === 0 ? `${ids[1]}, ${ids[2]}` : [ids[3]] }),
			items: items([{}, {}]),
		});
		expect(fake.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
		expect(result.json).toEqual([
			expect.objectContaining({ rowIds: [ids[1], ids[2]], deleted: true }),
			expect.objectContaining({ rowIds: [ids[3]], deleted: true }),
		]);
		expect(tasks().rows.map((r) => r.id)).toEqual([ids[4]]);
	});

	it('refuses "Delete Many" without row IDs', async () => {
		const error = await runCodaFailing(fake, { params: rowParams('deleteMany', { rowIds: '' }) });
		expect(error.message).toBe('Invalid "Row IDs": give at least one row ID');
		expect(fake.requests).toEqual([]);
	});

	it('pushes a button and waits for its action', async () => {
		fake.setMutationDelay(200);
		const result = await runCoda(fake, {
			params: rowParams('pushButton', {
				rowId: byId('Task 1'),
				columnId: byId('Complete'),
				waitForCompletion: true,
			}),
		});
		expect(result.json[0]).toMatchObject({
			rowId: doc.tables.Tasks.rowIds[0],
			columnId: col('Complete'),
			applied: true,
		});
		expect(fake.store.buttonPresses).toEqual([
			{
				docId: doc.id,
				tableId: doc.tables.Tasks.id,
				rowId: doc.tables.Tasks.rowIds[0],
				columnId: col('Complete'),
			},
		]);
		expect(valuesOf(0)).toMatchObject({ Status: 'Done', Done: true });
	});
});

describe('rate limits', () => {
	it('a burst of writes meets 429s and still completes, honouring Retry-After', async () => {
		fake.setRateLimit({ write: { count: 3, windowMs: 1000 } });
		const started = Date.now();
		const result = await runCoda(fake, {
			params: rowParams('insert', { dataMode: 'autoMap', options: { rowsPerRequest: 1 } }),
			items: items(Array.from({ length: 8 }, (_, i) => ({ Name: `Burst ${i}` }))),
		});
		const elapsed = Date.now() - started;
		expect(result.json).toHaveLength(8);
		expect(
			tasks()
				.rows.slice(5)
				.map((r) => r.values.get(col('Name'))),
		).toEqual(Array.from({ length: 8 }, (_, i) => `Burst ${i}`));
		const limited = fake.requests.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(posts().filter((r) => r.status === 202)).toHaveLength(8);
		// 8 writes at 3 per second need at least two further windows
		expect(elapsed).toBeGreaterThanOrEqual(1900);
	});
});
