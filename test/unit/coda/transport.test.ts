import type { IExecuteFunctions } from 'n8n-workflow';

import {
	codaPath,
	codaRequest,
	codaRequestAllItems,
	waitForMutation,
} from '../../../nodes/Coda/transport';
import { runCoda, runCodaFailing } from '../../helpers/codaContext';
import { createFakeContext, FaultServer, sendJson } from '../transport/fakeContext';

/** The Coda transport over the shared one: URLs, pagination, the seven error classes, replay rules. */

const TOKEN = 'coda-unit-token-0123456789';
let server: FaultServer;
let origin: string;
let base: string;

beforeAll(async () => {
	server = new FaultServer();
	origin = await server.start();
	base = `${origin}/apis/v1`;
});

afterAll(async () => {
	await server.stop();
});

function context(baseUrl = base) {
	const fake = createFakeContext({ credentials: { apiToken: TOKEN } });
	const ctx = {
		...fake.ctx,
		getNode: fake.ctx.getNode,
		getCredentials: async () => ({ apiToken: TOKEN, baseUrl }),
	} as unknown as IExecuteFunctions;
	return { ctx, calls: fake.calls };
}

const codaFake = () => ({ url: base, token: TOKEN });

describe('request building', () => {
	it('encodes every path segment and joins the base URL without doubling slashes', async () => {
		expect(codaPath`/docs/${'a b/c'}/tables/${'Tasks & Co'}`).toBe(
			'/docs/a%20b%2Fc/tables/Tasks%20%26%20Co',
		);
		server.reset((req, res) => sendJson(res, 200, { url: req.url }));
		const { ctx, calls } = context(`${base}/`);
		const answer = await codaRequest(ctx, { path: codaPath`/docs/${'D 1'}`, qs: { a: 1 } });
		expect(answer).toEqual({ url: '/apis/v1/docs/D%201?a=1' });
		expect(calls[0]).toMatchObject({
			method: 'GET',
			url: `${base}/docs/D%201`,
			json: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
	});

	it("sends the token only to the base URL's origin", async () => {
		const { ctx, calls } = context();
		await expect(
			codaRequest(ctx, { path: 'https://elsewhere.example.com/export/1' }),
		).rejects.toThrow('Coda returned a link on another host (elsewhere.example.com)');
		expect(calls).toEqual([]);
	});

	it.each([
		['ftp://coda.io/apis/v1', 'must start with https://'],
		['https://me:s3cret@coda.io/apis/v1', 'must not contain a user name or password'],
		['http://coda.example.com/apis/v1', 'must use https://'],
		['not a url', 'is not a URL'],
	])('refuses the base URL %s before any request', async (baseUrl, problem) => {
		const { ctx, calls } = context(baseUrl);
		const attempt = codaRequest(ctx, { path: '/whoami' });
		await expect(attempt).rejects.toThrow(`The "Base URL" of the Coda credential ${problem}`);
		await expect(attempt).rejects.not.toThrow(/s3cret/);
		expect(calls).toHaveLength(0);
	});

	it('follows nextPageToken, keeping the query, and stops at the limit without fetching more', async () => {
		server.reset((req, res) => {
			const url = new URL(req.url!, origin);
			const page = Number(url.searchParams.get('pageToken') ?? 0);
			sendJson(res, 200, {
				items: [{ n: page * 2 }, { n: page * 2 + 1 }],
				...(page < 2 ? { nextPageToken: String(page + 1) } : {}),
				query: url.search,
			});
		});
		const { ctx, calls } = context();
		const all = await codaRequestAllItems<{ n: number }>(ctx, {
			path: '/docs',
			qs: { query: 'x' },
		});
		expect(all.map((item) => item.n)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(calls.map((call) => call.qs)).toEqual([
			{ query: 'x', limit: 500 },
			{ query: 'x', limit: 500, pageToken: '1' },
			{ query: 'x', limit: 500, pageToken: '2' },
		]);
		const { ctx: ctx2, calls: calls2 } = context();
		const three = await codaRequestAllItems<{ n: number }>(ctx2, { path: '/docs' }, 3);
		expect(three.map((item) => item.n)).toEqual([0, 1, 2]);
		expect(calls2).toHaveLength(2);
		expect(calls2[0].qs).toEqual({ limit: 3 });
	});
});

describe('the seven error classes', () => {
	const failWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
		server.reset((_req, res) => sendJson(res, status, body, headers));

	it("400 validation, with Coda's per-field messages", async () => {
		failWith(400, {
			statusCode: 400,
			statusMessage: 'Bad Request',
			message: 'Invalid request body',
			codaDetail: {
				validationErrors: [
					{ path: 'rows[0].cells[1].value', message: 'Expected a string but got an object' },
				],
			},
		});
		const { ctx } = context();
		const error = await codaRequest(ctx, {
			method: 'POST',
			path: '/docs/D/tables/T/rows',
			body: { rows: [] },
			replay: 'afterRateLimit',
		}).catch((e) => e);
		expect(error.message).toBe('Coda rejected the request as invalid: Invalid request body');
		expect(error.description).toBe('rows[0].cells[1].value: Expected a string but got an object.');
		expect(error.httpCode).toBe('400');
		expect(server.hitsOf('/apis/v1/docs/D/tables/T/rows')).toBe(1);
	});

	it('401 authentication', async () => {
		failWith(401, { statusCode: 401, statusMessage: 'Unauthorized', message: 'Unauthorized' });
		const error = await codaRequest(context().ctx, { path: '/whoami' }).catch((e) => e);
		expect(error.message).toBe('Coda did not accept the API token (HTTP 401): Unauthorized');
		expect(error.description).toContain('Check the API Token of the Coda credential');
	});

	it('403 forbidden', async () => {
		failWith(403, {
			statusCode: 403,
			statusMessage: 'Forbidden',
			message: 'This doc is read-only for this token',
		});
		const error = await codaRequest(context().ctx, {
			method: 'PUT',
			path: '/docs/D/pages/P',
			body: { name: 'x' },
			parameters: { doc: 'Doc', page: 'Page' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'The Coda API token is not allowed to do this (HTTP 403): This doc is read-only for this token',
		);
		expect(error.description).toContain('read-only or restricted');
		expect(error.description).toContain('Check the parameter "Doc".');
	});

	it('404 not found, naming the parameter the missing resource came from', async () => {
		failWith(404, {
			statusCode: 404,
			statusMessage: 'Not Found',
			message: 'Could not find a row with the specified ID or name: i-x',
		});
		const error = await codaRequest(context().ctx, {
			path: '/docs/D/tables/T/rows/i-x',
			parameters: { doc: 'Doc', table: 'Table', row: 'Row' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'Coda could not find the row (HTTP 404): Could not find a row with the specified ID or name: i-x',
		);
		expect(error.description).toBe('Check the parameter "Row".');
	});

	it('410 gone', async () => {
		failWith(410, { statusCode: 410, statusMessage: 'Gone', message: 'The page has been deleted' });
		const error = await codaRequest(context().ctx, {
			path: '/docs/D/pages/P',
			parameters: { doc: 'Doc', page: 'Page' },
		}).catch((e) => e);
		expect(error.message).toBe(
			'The page was deleted in Coda (HTTP 410): The page has been deleted',
		);
		expect(error.description).toBe('Check the parameter "Page".');
	});

	it('429 rate limited: retried honouring Retry-After, then a clear error when it persists', async () => {
		server.reset((_req, res, hit) =>
			hit <= 2
				? sendJson(
						res,
						429,
						{ statusCode: 429, statusMessage: 'Too Many Requests', message: 'Too Many Requests' },
						{ 'Retry-After': '1' },
					)
				: sendJson(res, 200, { ok: true }),
		);
		const started = Date.now();
		expect(await codaRequest(context().ctx, { path: '/docs' })).toEqual({ ok: true });
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(server.hitsOf('/apis/v1/docs')).toBe(3);

		failWith(
			429,
			{ statusCode: 429, statusMessage: 'Too Many Requests', message: 'Too Many Requests' },
			{ 'Retry-After': '600' },
		);
		const error = await codaRequest(context().ctx, { path: '/docs' }).catch((e) => e);
		expect(error.message).toBe('Coda kept rate-limiting the request (HTTP 429): Too Many Requests');
		expect(error.description).toContain('10 writes per 6 seconds');
		expect(error.description).toContain('Retry-After');
	});

	it("the rest (5xx): retried, then reported with Coda's message", async () => {
		failWith(500, {
			statusCode: 500,
			statusMessage: 'Internal Server Error',
			message: 'Something broke',
		});
		const error = await codaRequest(context().ctx, { path: '/docs' }).catch((e) => e);
		expect(error.message).toBe('Coda failed to process the request (HTTP 500): Something broke');

		server.reset((_req, res, hit) =>
			hit === 1
				? sendJson(res, 503, { message: 'busy' }, { 'Retry-After': '0' })
				: sendJson(res, 200, { ok: 1 }),
		);
		expect(await codaRequest(context().ctx, { path: '/docs' })).toEqual({ ok: 1 });
	});

	it('never shows the API token, even when Coda echoes it', async () => {
		failWith(400, {
			statusCode: 400,
			statusMessage: 'Bad Request',
			message: `Token ${TOKEN} is malformed`,
		});
		const error = await codaRequest(context().ctx, { path: '/docs' }).catch((e) => e);
		expect(error.message).not.toContain(TOKEN);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});
});

describe('replay rules for writes', () => {
	it('an insert is retried after a 429 (Coda did nothing) but not after a 503 (Coda may have written)', async () => {
		server.reset((_req, res, hit) =>
			hit === 1
				? sendJson(res, 429, { message: 'slow down' }, { 'Retry-After': '0' })
				: sendJson(res, 202, { requestId: 'r1', addedRowIds: ['i-1'] }),
		);
		expect(
			await codaRequest(context().ctx, {
				method: 'POST',
				path: '/docs/D/tables/T/rows',
				body: { rows: [] },
				replay: 'afterRateLimit',
			}),
		).toEqual({
			requestId: 'r1',
			addedRowIds: ['i-1'],
		});
		expect(server.hitsOf('/apis/v1/docs/D/tables/T/rows')).toBe(2);

		server.reset((_req, res) =>
			sendJson(
				res,
				503,
				{ statusCode: 503, statusMessage: 'Service Unavailable', message: 'try later' },
				{ 'Retry-After': '0' },
			),
		);
		const error = await codaRequest(context().ctx, {
			method: 'POST',
			path: '/docs/D/tables/T/rows',
			body: { rows: [] },
			replay: 'afterRateLimit',
		}).catch((e) => e);
		expect(server.hitsOf('/apis/v1/docs/D/tables/T/rows')).toBe(1);
		expect(error.message).toBe('Coda failed to process the request (HTTP 503): try later');
		expect(error.description).toContain('Not retried: Coda may already have applied this write');
		expect(error.httpCode).toBe('503');
	});

	it('an upsert on key columns (idempotent) and a PUT are retried after a 503', async () => {
		for (const call of [
			{ method: 'POST' as const, replay: 'always' as const },
			{ method: 'PUT' as const, replay: undefined },
		]) {
			server.reset((_req, res, hit) =>
				hit === 1
					? sendJson(res, 503, { message: 'busy' }, { 'Retry-After': '0' })
					: sendJson(res, 202, { requestId: 'r2' }),
			);
			expect(await codaRequest(context().ctx, { ...call, path: '/w', body: { a: 1 } })).toEqual({
				requestId: 'r2',
			});
			expect(server.hitsOf('/apis/v1/w')).toBe(2);
		}
	});
});

describe('waiting for queued writes', () => {
	it("polls /mutationStatus until completed, and returns Coda's warning", async () => {
		server.reset((_req, res, hit) =>
			sendJson(
				res,
				200,
				hit < 3
					? { completed: false }
					: { completed: true, warning: 'Initial page HTML was invalid.' },
			),
		);
		expect(await waitForMutation(context().ctx, 'req 1', 10)).toEqual({
			requestId: 'req 1',
			completed: true,
			warning: 'Initial page HTML was invalid.',
		});
		expect(server.hitsOf('/apis/v1/mutationStatus/req%201')).toBe(3);
	});

	it('gives up after the timeout with a clear error', async () => {
		server.reset((_req, res) => sendJson(res, 200, { completed: false }));
		await expect(waitForMutation(context().ctx, 'r', 1)).rejects.toThrow(
			'Coda had not applied the change after 1 s (request ID r)',
		);
	});
});

describe('the node on a failing Coda', () => {
	it('a 401 stops the node with the authentication error', async () => {
		server.reset((_req, res) =>
			sendJson(res, 401, {
				statusCode: 401,
				statusMessage: 'Unauthorized',
				message: 'Unauthorized',
			}),
		);
		const error = await runCodaFailing(codaFake(), {
			params: { resource: 'doc', operation: 'get', docId: { __rl: true, mode: 'id', value: 'D' } },
		});
		expect(error.message).toBe('Coda did not accept the API token (HTTP 401): Unauthorized');
		expect(error.context.itemIndex).toBe(0);
	});

	it('with "Continue On Fail", a 404 becomes an error item paired with its input', async () => {
		server.reset((_req, res) =>
			sendJson(res, 404, {
				statusCode: 404,
				statusMessage: 'Not Found',
				message: 'Could not find a doc with the specified ID or name: D',
			}),
		);
		const result = await runCoda(codaFake(), {
			params: { resource: 'doc', operation: 'get', docId: { __rl: true, mode: 'id', value: 'D' } },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(result.output).toEqual([
			{
				json: {
					error:
						'Coda could not find the doc (HTTP 404): Could not find a doc with the specified ID or name: D',
					description: 'Check the parameter "Doc".',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error:
						'Coda could not find the doc (HTTP 404): Could not find a doc with the specified ID or name: D',
					description: 'Check the parameter "Doc".',
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});
