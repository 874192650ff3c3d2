import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { uploadIdOf } from '../../../nodes/InfomaniakNewsletter/actions/mailingList/importSubscribers';
import {
	readNewsletterErrorBody,
	toNewsletterError,
} from '../../../nodes/InfomaniakNewsletter/errors';
import {
	bracketQuery,
	newsletterClient,
	taskIdOf,
} from '../../../nodes/InfomaniakNewsletter/transport';
import { isEmail } from '../../../nodes/InfomaniakNewsletter/validation';
import { FAKE_NODE } from '../transport/fakeContext';

describe('bracketQuery', () => {
	it("writes filters in PHP's bracket notation with scalar values, dropping empty ones", () => {
		expect(
			bracketQuery('filter', { search: 'ada', status: ['sent', 'draft'], groups: [], none: '' }),
		).toEqual({
			'filter[search]': 'ada',
			'filter[status][0]': 'sent',
			'filter[status][1]': 'draft',
		});
		expect(bracketQuery('filter', { nested: { a: 1 } })).toEqual({ 'filter[nested][a]': 1 });
		expect(bracketQuery('filter', undefined)).toEqual({});
	});
});

describe('answers', () => {
	it('reads the upload id from the shapes an upload answer may take', () => {
		expect(uploadIdOf({ upload_id: 12, columns: ['email'] })).toBe(12);
		expect(uploadIdOf({ id: '13' })).toBe(13);
		expect(uploadIdOf(['x', '14'])).toBe(14);
		expect(uploadIdOf(15)).toBe(15);
		expect(uploadIdOf({ columns: ['email'] })).toBeUndefined();
		expect(uploadIdOf('abc')).toBeUndefined();
	});

	it('finds the task of an asynchronous answer', () => {
		expect(taskIdOf({ result: 'asynchronous', data: ' 5cb09b3c ' })).toBe('5cb09b3c');
		expect(taskIdOf({ result: 'success', data: true })).toBeUndefined();
	});
});

describe('errors', () => {
	it("reads Infomaniak's error body, with validation messages as a map or a list", () => {
		expect(
			readNewsletterErrorBody({
				result: 'error',
				error: {
					code: 'validation_failed',
					description: 'Invalid',
					errors: { email: ['Bad address', 'Too long'] },
				},
			}),
		).toEqual({
			code: 'validation_failed',
			description: 'Invalid',
			fields: ['email: Bad address', 'email: Too long'],
		});
		expect(
			readNewsletterErrorBody(
				JSON.stringify({
					error: {
						code: 'x',
						fields: [{ description: 'is required', context: { attribute: 'name' } }, 'plain'],
					},
				}),
			),
		).toEqual({ code: 'x', description: undefined, fields: ['name: is required', 'plain'] });
		expect(readNewsletterErrorBody('<html>')).toEqual({
			code: undefined,
			description: undefined,
			fields: [],
		});
	});

	const apiError = (status: number, description = 'The service said no.') =>
		new NodeApiError(FAKE_NODE, { message: 'x', httpCode: String(status) } as never, {
			message: 'x',
			description: `${description} Gave up after 3 attempts in 4.0s.`,
			httpCode: String(status),
		});

	it.each([
		[
			403,
			/^The Infomaniak API token is not allowed to do this \(HTTP 403\): access_denied: nope$/,
			/"newsletter" scope/,
		],
		[
			429,
			/^Infomaniak kept rate-limiting the request \(HTTP 429\)/,
			/60 requests per minute.*Gave up after 3 attempts/,
		],
		[
			500,
			/^Infomaniak failed to process the request \(HTTP 500\): access_denied: nope$/,
			/^Gave up after 3 attempts/,
		],
	])(
		'HTTP %i: a message and a hint of its own, the retry summary kept',
		(status, message, description) => {
			const error = toNewsletterError(
				apiError(status),
				{ result: 'error', error: { code: 'access_denied', description: 'nope' } },
				{},
			);
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(description);
		},
	);

	it('never repeats the token, even when Infomaniak echoes it', () => {
		const error = toNewsletterError(
			apiError(401),
			{ error: { code: 'not_authorized', description: 'token tok-123456789 is revoked' } },
			{},
			['tok-123456789'],
		);
		expect(error.message).not.toContain('tok-123456789');
	});
});

describe('isEmail', () => {
	it.each(['a@b.ch', 'first.last+tag@sub.example.co.uk', "o'hara@example.com"])(
		'accepts %s',
		(email) => expect(isEmail(email)).toBe(true),
	);
	it.each([
		'',
		'a',
		'a@b',
		'@b.ch',
		'a@@b.ch',
		'a b@c.ch',
		'a@b..ch',
		'a@-b.ch',
		'a..b@c.ch',
		`${'x'.repeat(250)}@b.ch`,
	])('refuses %j', (email) => expect(isEmail(email)).toBe(false));
});

describe('newsletterClient', () => {
	const context = (credential: Record<string, unknown>) =>
		({
			getNode: () => FAKE_NODE,
			getCredentials: async () => credential,
		}) as unknown as IExecuteFunctions;

	it('reads the base URL (default, trailing slashes) and the domain id', async () => {
		expect(await newsletterClient(context({ domainId: ' 12 ' }))).toMatchObject({
			baseUrl: 'https://api.infomaniak.com',
			domainId: 12,
		});
		expect(
			await newsletterClient(context({ domainId: 3, baseUrl: 'http://127.0.0.1:9/' })),
		).toMatchObject({
			baseUrl: 'http://127.0.0.1:9',
			domainId: 3,
		});
	});

	it("paces at the credential's Requests per Minute: 60 unless set, never more in any minute", async () => {
		// a burst of 5 and 55 a minute after it: 60 in any window of a minute
		expect((await newsletterClient(context({ domainId: 1 }))).rateLimit).toEqual({
			requests: 55,
			intervalMs: 60_000,
			burst: 5,
		});
		expect(
			(await newsletterClient(context({ domainId: 1, requestsPerMinute: 600 }))).rateLimit,
		).toEqual({ requests: 595, intervalMs: 60_000, burst: 5 });
		expect(
			(await newsletterClient(context({ domainId: 1, requestsPerMinute: 2 }))).rateLimit,
		).toEqual({ requests: 1, intervalMs: 60_000, burst: 1 });
		await expect(
			newsletterClient(context({ domainId: 1, requestsPerMinute: 0.5 })),
		).rejects.toThrow(
			/"Requests per Minute" of the Infomaniak Newsletter credential, "0.5", is not a whole number from 2 to 100000/,
		);
	});

	it('refuses a base URL that is not http(s) and a domain that is not a number', async () => {
		await expect(newsletterClient(context({ domainId: 1, baseUrl: 'ftp://x' }))).rejects.toThrow(
			'The "Base URL" of the Infomaniak Newsletter credential must start with https:// (or http:// for a server on this machine), not "ftp:"',
		);
		await expect(newsletterClient(context({ domainId: '0' }))).rejects.toThrow(
			'The "Domain ID" of the Infomaniak Newsletter credential, "0", is not a number',
		);
	});

	it('the endpoint rule: no user:password@, the token over http:// to this machine only', async () => {
		await expect(
			newsletterClient(context({ domainId: 1, baseUrl: 'https://me:pw-0815@api.infomaniak.com' })),
		).rejects.toThrow(
			/^The "Base URL" of the Infomaniak Newsletter credential must not contain a user name or password/,
		);
		await expect(
			newsletterClient(context({ domainId: 1, baseUrl: 'http://api.infomaniak.com' })),
		).rejects.toThrow(
			/^The "Base URL" of the Infomaniak Newsletter credential must use https:\/\/: plain http:\/\/ would send the credential's secret in clear text to api\.infomaniak\.com/,
		);
		const failure = await newsletterClient(
			context({ domainId: 1, baseUrl: 'https://me:pw-0815@api.infomaniak.com' }),
		).catch((error: Error) => error);
		expect(JSON.stringify(failure)).not.toContain('pw-0815');
		expect(
			await newsletterClient(context({ domainId: 1, baseUrl: 'http://localhost:8080' })),
		).toMatchObject({ baseUrl: 'http://localhost:8080' });
	});
});
