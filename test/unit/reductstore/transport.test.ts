import { PassThrough, Readable } from 'stream';
import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	entryPath,
	isHttpStatus,
	normaliseHeaders,
	reductRequest,
	reductRequestFull,
} from '../../../nodes/ReductStore/transport';
import { type ReductFake, startReductFake } from '../../fakes/reductstore/server';
import { createReductContext } from '../../helpers/reductContext';

function capturingContext(url: string) {
	const calls: IHttpRequestOptions[] = [];
	const ctx = {
		getNode: () => ({
			id: 'n',
			name: 'ReductStore',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getCredentials: async () => ({ url, apiToken: 'tok-123456', allowUnauthorizedCerts: true }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				calls.push(options);
				return options.returnFullResponse
					? { statusCode: 200, headers: { 'X-Reduct-Time': '5' }, body: '' }
					: '';
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('ReductStore transport', () => {
	it('builds URLs below /api/v1 of the credential URL, with its TLS choice', async () => {
		const { ctx, calls } = capturingContext('https://reduct.example.com/api/v1/');
		await reductRequest(ctx, { path: entryPath('b', 'robot/cam 1'), qs: { ts: '5' } });
		expect(calls[0]).toMatchObject({
			method: 'GET',
			url: 'https://reduct.example.com/api/v1/b/b/robot/cam%201',
			qs: { ts: '5' },
			json: true,
			skipSslCertificateValidation: true,
		});
	});

	it('marks JSON bodies, leaves raw ones alone, and wraps streams n8n would not send', async () => {
		const { ctx, calls } = capturingContext('https://h');
		await reductRequest(ctx, { method: 'POST', path: '/b/x', body: { quota_type: 'FIFO' } });
		expect(calls[0].headers).toEqual({ 'Content-Type': 'application/json' });
		await reductRequest(ctx, {
			method: 'POST',
			path: '/b/x/e',
			body: Buffer.from('raw'),
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(calls[1].headers).toEqual({ 'Content-Type': 'text/plain' });

		const pass = new PassThrough();
		pass.end('streamed');
		await reductRequest(ctx, { method: 'POST', path: '/b/x/e', body: pass });
		const sent = calls[2].body as Readable;
		expect(sent).toBeInstanceOf(Readable);
		expect(sent.constructor.name).toBe('Readable');
		const chunks: Buffer[] = [];
		for await (const chunk of sent) chunks.push(Buffer.from(chunk as Buffer));
		expect(Buffer.concat(chunks).toString()).toBe('streamed');

		const plain = Readable.from([Buffer.from('x')]);
		await reductRequest(ctx, { method: 'POST', path: '/b/x/e', body: plain });
		expect(calls[3].body).toBe(plain);
	});

	it('normalises response headers to lower-case strings', async () => {
		const { ctx } = capturingContext('https://h');
		const response = await reductRequestFull(ctx, { path: '/info' });
		expect(response).toEqual({ statusCode: 200, headers: { 'x-reduct-time': '5' }, body: '' });
		expect(normaliseHeaders({ toJSON: () => ({ A: ['1', '2'], b: 3, c: undefined }) })).toEqual({
			a: '1, 2',
			b: '3',
		});
		expect(normaliseHeaders(undefined)).toEqual({});
	});

	describe('against the fake', () => {
		let fake: ReductFake;
		beforeAll(async () => {
			fake = await startReductFake({ apiToken: 'tok' });
		});
		afterAll(async () => {
			await fake.close();
		});

		it('carries x-reduct-error into the error even without a body (HEAD), with the status', async () => {
			const context = createReductContext({ url: fake.url, token: 'tok', params: {} });
			let error: unknown;
			try {
				await reductRequestFull(context.ctx, { method: 'HEAD', path: '/b/missing' });
			} catch (thrown) {
				error = thrown;
			}
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as Error).message).toBe(
				"The service returned HTTP 404: Bucket 'missing' is not found",
			);
			expect(isHttpStatus(error, 404)).toBe(true);
			expect(isHttpStatus(error, 409)).toBe(false);
			expect(isHttpStatus(new Error('x'), 404)).toBe(false);
		});

		it('never shows the token in an error', async () => {
			const context = createReductContext({ url: fake.url, token: 'tok-wrong-secret', params: {} });
			const error = await reductRequest(context.ctx, { path: '/info' }).catch(
				(e: Error & { description?: string }) => e,
			);
			expect(
				JSON.stringify({
					message: (error as Error).message,
					description: (error as { description?: string }).description,
				}),
			).not.toContain('tok-wrong-secret');
		});
	});
});
