import { PassThrough } from 'node:stream';
import { NodeApiError } from 'n8n-workflow';

import { cloudRequest } from '../../../nodes/shared/transport';
import { FaultServer, createFakeContext, fakeClock, sendJson } from './fakeContext';

const CRED = 'test';
const server = new FaultServer();
let baseURL = '';

beforeAll(async () => {
	baseURL = await server.start();
});

afterAll(async () => {
	await server.stop();
});

describe('cloudRequest: what may be sent again, and what the error keeps', () => {
	test('a POST refused with 429 is retried: the service did nothing', async () => {
		server.reset((_req, res, hit) => {
			if (hit === 1) sendJson(res, 429, { message: 'slow down' }, { 'Retry-After': '1' });
			else sendJson(res, 200, { created: true });
		});
		const clock = fakeClock();
		const result = await cloudRequest(
			createFakeContext().ctx,
			CRED,
			{ method: 'POST', url: `${baseURL}/p`, body: { a: 1 }, json: true },
			{},
			clock.deps,
		);
		expect(result).toEqual({ created: true });
		expect(server.hitsOf('/p')).toBe(2);
		expect(clock.delays).toEqual([1000]);
	});

	test('a POST that failed with 503 is not sent again (it may have been applied)', async () => {
		server.reset((_req, res) => sendJson(res, 503, { message: 'unavailable' }));
		const clock = fakeClock();
		await expect(
			cloudRequest(
				createFakeContext().ctx,
				CRED,
				{ method: 'POST', url: `${baseURL}/q`, body: { a: 1 }, json: true },
				{},
				clock.deps,
			),
		).rejects.toBeInstanceOf(NodeApiError);
		expect(server.hitsOf('/q')).toBe(1);
	});

	test('the provider error body is kept on the error, with secrets redacted', async () => {
		server.reset((_req, res) =>
			sendJson(res, 400, {
				message: 'bad cell',
				codaDetail: { validationErrors: [{ path: 'cells[0]', message: 'unknown column' }] },
				echo: 'Bearer s3cr3t-token-value',
			}),
		);
		const error = (await cloudRequest(createFakeContext().ctx, CRED, {
			url: `${baseURL}/b`,
			headers: { Authorization: 'Bearer s3cr3t-token-value' },
			json: true,
		}).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		const body = error.context.providerBody as {
			codaDetail: { validationErrors: Array<{ message: string }> };
		};
		expect(body.codaDetail.validationErrors[0].message).toBe('unknown column');
		expect(JSON.stringify(error.context.providerBody)).not.toContain('s3cr3t-token-value');
	});

	test('a PassThrough body is sent whole, not silently emptied', async () => {
		let received = '';
		server.reset((_req, res, _hit, body) => {
			received = body;
			sendJson(res, 200, { ok: true });
		});
		const { ctx } = createFakeContext();
		// n8n's helper only streams bodies whose class it knows: record what it is handed.
		const send = ctx.helpers.httpRequestWithAuthentication;
		const handed: string[] = [];
		ctx.helpers.httpRequestWithAuthentication = async function (
			this: unknown,
			type: string,
			options: { body?: object },
		) {
			handed.push(options.body?.constructor.name ?? typeof options.body);
			return await send.call(this as never, type, options as never);
		} as typeof send;
		const body = new PassThrough();
		body.end('streamed bytes');
		await cloudRequest(ctx, CRED, { method: 'PUT', url: `${baseURL}/s`, body: body as never });
		expect(handed).toEqual(['Readable']);
		expect(received).toBe('streamed bytes');
	});
});
