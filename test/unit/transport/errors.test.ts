import { AxiosError, AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	extractProviderMessage,
	readHttpFailure,
	toNodeApiError,
} from '../../../nodes/shared/transport';
import { FAKE_NODE } from './fakeContext';

function axiosErrorWithResponse(
	status: number,
	data: unknown,
	headers: Record<string, string> = {},
) {
	const config = {
		headers: new AxiosHeaders({ Authorization: 'Bearer LEAKME-123' }),
	} as InternalAxiosRequestConfig;
	return new AxiosError(
		'Request failed with status code ' + status,
		'ERR_BAD_RESPONSE',
		config,
		{},
		{
			status,
			statusText: '',
			headers: new AxiosHeaders(headers),
			data,
			config,
		},
	);
}

describe('extractProviderMessage', () => {
	test.each([
		[{ message: 'plain message' }, 'plain message'],
		[{ error: { code: 'X', message: 'nested message' } }, 'nested message'],
		[{ error: 'invalid_grant', error_description: 'Token expired' }, 'Token expired'],
		[{ error: 'just a string' }, 'just a string'],
		[{ detail: 'detail text' }, 'detail text'],
		['{"message":"json in a string"}', 'json in a string'],
		['  plain   text\nbody ', 'plain text body'],
		[Buffer.from('{"error":{"message":"from a buffer"}}'), 'from a buffer'],
		[
			'<?xml version="1.0"?><Error><Code>NoSuchBucket</Code><Message>The bucket does not exist</Message></Error>',
			'NoSuchBucket: The bucket does not exist',
		],
		['<html><head><title>502 Bad Gateway</title></head></html>', '502 Bad Gateway'],
	])('%p -> %p', (body, expected) => {
		expect(extractProviderMessage(body)).toBe(expected);
	});

	test('falls back to the x-reduct-error header, and to undefined', () => {
		expect(extractProviderMessage('', { 'x-reduct-error': 'Bucket "b" is not found' })).toBe(
			'Bucket "b" is not found',
		);
		expect(extractProviderMessage({ unrelated: true })).toBeUndefined();
		expect(extractProviderMessage(undefined)).toBeUndefined();
	});

	test('clips very long bodies', () => {
		expect(extractProviderMessage('x'.repeat(5000))!.length).toBeLessThanOrEqual(501);
	});
});

describe('readHttpFailure', () => {
	test('raw axios error', () => {
		const failure = readHttpFailure(
			axiosErrorWithResponse(429, { message: 'slow down' }, { 'Retry-After': '3' }),
		);
		expect(failure).toMatchObject({ status: 429, body: { message: 'slow down' } });
		expect(failure.headers['retry-after']).toBe('3');
	});

	test('n8n 2.x wrapper: NodeApiError with the axios error as cause', () => {
		const wrapped = new NodeApiError(
			FAKE_NODE,
			axiosErrorWithResponse(503, 'busy', { 'retry-after': '7' }) as never,
		);
		expect(wrapped.httpCode).toBe('503');
		const failure = readHttpFailure(wrapped);
		expect(failure).toMatchObject({ status: 503, body: 'busy' });
		expect(failure.headers['retry-after']).toBe('7');
	});

	test('httpCode only (headers lost), body from context.data', () => {
		const error = Object.assign(new Error('x'), {
			httpCode: '404',
			context: { data: { message: 'gone' } },
		});
		expect(readHttpFailure(error)).toEqual({ status: 404, headers: {}, body: { message: 'gone' } });
	});

	test('legacy request-helper shape', () => {
		const error = Object.assign(new Error('400 - "bad"'), {
			statusCode: 400,
			error: { message: 'bad' },
			response: { headers: { 'X-Reduct-Error': 'nope' } },
		});
		expect(readHttpFailure(error)).toEqual({
			status: 400,
			headers: { 'x-reduct-error': 'nope' },
			body: { message: 'bad' },
		});
	});

	test('network failure keeps code and low-level message', () => {
		const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const wrapped = new NodeApiError(FAKE_NODE, cause as never);
		expect(readHttpFailure(wrapped)).toEqual({
			headers: {},
			networkCode: 'ECONNRESET',
			rawMessage: 'socket hang up',
		});
	});
});

describe('toNodeApiError', () => {
	test('carries httpCode, the provider message and a description', () => {
		const error = toNodeApiError(FAKE_NODE, {
			status: 404,
			headers: {},
			body: { message: 'No such object k' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.message).toContain('No such object k');
		expect(error.message).toContain('404');
		expect(error.description).toBe('The resource was not found.');
	});

	test('redacts secrets and never holds the raw error or its config', () => {
		const failure = readHttpFailure(
			new NodeApiError(
				FAKE_NODE,
				axiosErrorWithResponse(403, {
					message: 'denied for Bearer LEAKME-123 sig=ABCDEFG',
				}) as never,
			),
		);
		const error = toNodeApiError(FAKE_NODE, failure, ['LEAKME-123']);
		const everything = [
			error.message,
			error.description,
			JSON.stringify(error),
			JSON.stringify(error.errorResponse),
		].join('\n');
		expect(everything).not.toContain('LEAKME');
		expect(everything).not.toContain('ABCDEFG');
		expect(error.message).toContain('denied for');
		expect(error.cause).toBeUndefined();
	});

	test('keeps the provider message even when it mentions an OS error code', () => {
		const error = toNodeApiError(FAKE_NODE, {
			status: 400,
			headers: {},
			body: 'ENOENT: object missing',
		});
		expect(error.message).toBe('The service returned HTTP 400: ENOENT: object missing');
	});

	test('declares why it failed for timed causes and dead credentials', () => {
		expect(
			toNodeApiError(FAKE_NODE, { status: 429, headers: {} }, [], { retryAfterMs: 5000 }).failure,
		).toEqual({ cause: 'rate-limited', retryAfterMs: 5000 });
		expect(toNodeApiError(FAKE_NODE, { status: 503, headers: {} }).failure).toEqual({
			cause: 'temporarily-unavailable',
		});
		expect(toNodeApiError(FAKE_NODE, { status: 401, headers: {} }).failure).toEqual({
			cause: 'credential-invalid',
		});
		expect(toNodeApiError(FAKE_NODE, { status: 400, headers: {} }).failure).toBeUndefined();
	});

	test('network failures: timeout wording and retry summary', () => {
		const error = toNodeApiError(
			FAKE_NODE,
			{ headers: {}, networkCode: 'ECONNABORTED', rawMessage: 'timeout of 200ms exceeded' },
			[],
			{ attempts: 3, elapsedMs: 650, giveUpReason: 'max-attempts', maxAttempts: 3, timeoutMs: 200 },
		);
		expect(error.httpCode).toBeNull();
		expect(error.message).toBe('The service did not respond within 200 ms (ECONNABORTED)');
		expect(error.description).toBe(
			'Gave up after 3 attempts in 0.7s. Reached the maximum of 3 attempts.',
		);
	});

	test('a NodeOperationError is not an HTTP failure', () => {
		const failure = readHttpFailure(new NodeOperationError(FAKE_NODE, 'no credential'));
		expect(failure.status).toBeUndefined();
		expect(failure.networkCode).toBeUndefined();
	});
});
