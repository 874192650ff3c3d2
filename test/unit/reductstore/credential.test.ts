import type { IHttpRequestOptions } from 'n8n-workflow';

import { CloudPackReductStoreApi } from '../../../credentials/CloudPackReductStoreApi.credentials';
import { type ReductFake, startReductFake } from '../../fakes/reductstore/server';
import axios from 'axios';

const credential = new CloudPackReductStoreApi();
const authenticate = credential.authenticate as (
	c: Record<string, unknown>,
	o: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Resolves the test request's `={{ ... }}` expressions the way n8n would for these simple ones. */
function resolve(value: unknown, credentials: Record<string, unknown>): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const template = value.slice(1);
	const whole = /^\{\{(.*)\}\}$/s.exec(template);
	const evaluate = (code: string) =>
		new Function('$credentials', `return (${code});`)(credentials) as unknown;
	if (whole) return evaluate(whole[1]);
	return template.replace(/\{\{(.*?)\}\}/gs, (_m, code: string) => String(evaluate(code)));
}

async function runTest(
	fake: ReductFake,
	credentials: Record<string, unknown>,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const request = credential.test.request;
	const url = resolve(request.url, credentials) as string;
	const options = await authenticate(credentials, { url, method: 'GET', headers: {} });
	expect(options.skipSslCertificateValidation).toBe(
		resolve(request.skipSslCertificateValidation, credentials) === true,
	);
	const response = await axios.request({
		url: options.url,
		headers: options.headers as Record<string, string>,
		validateStatus: () => true,
	});
	if (response.status < 300) return { status: 'OK', message: 'Connection successful!' };
	const rule = credential.test.rules?.find(
		(r) => r.type === 'responseCode' && r.properties.value === response.status,
	);
	return { status: 'Error', message: rule?.properties.message ?? `HTTP ${response.status}` };
}

describe('ReductStore credential', () => {
	it('adds the Bearer header only when a token is set, and the TLS choice', async () => {
		const withToken = await authenticate(
			{ url: 'https://x', apiToken: ' secret-token ', allowUnauthorizedCerts: false },
			{ url: 'https://x/api/v1/info', headers: { a: '1' } },
		);
		expect(withToken.headers).toEqual({ a: '1', Authorization: 'Bearer secret-token' });
		expect(withToken.skipSslCertificateValidation).toBe(false);
		const without = await authenticate(
			{ url: 'http://x', apiToken: '', allowUnauthorizedCerts: true },
			{ url: 'http://x/api/v1/info' },
		);
		expect(without.headers).toEqual({});
		expect(without.skipSslCertificateValidation).toBe(true);
	});

	it('sends its token over https:// or to this machine only, and never to user:password@', async () => {
		const token = { apiToken: 'secret-token', allowUnauthorizedCerts: false };
		const local = await authenticate(
			{ url: 'http://127.0.0.1:8383', ...token },
			{ url: 'http://127.0.0.1:8383/api/v1/info' },
		);
		expect(local.headers).toEqual({ Authorization: 'Bearer secret-token' });
		await expect(
			authenticate(
				{ url: 'http://reduct.lan', ...token },
				{ url: 'http://reduct.lan/api/v1/info' },
			),
		).rejects.toThrow(/must use https:\/\/.*reduct\.lan/);
		// without a token nothing secret goes out: plain http:// to another host is fine
		await expect(
			authenticate(
				{ url: 'http://reduct.lan', apiToken: '' },
				{ url: 'http://reduct.lan/api/v1/info' },
			),
		).resolves.toMatchObject({ headers: {} });
		await expect(
			authenticate(
				{ url: 'https://u:p4ss@reduct.lan', apiToken: '' },
				{ url: 'https://u:p4ss@reduct.lan/api/v1/info' },
			),
		).rejects.toThrow(/must not contain a user name or password/);
	});

	it('tests against /api/v1/info: OK with a good token or none needed, a clear message otherwise', async () => {
		const secured = await startReductFake({ apiToken: 'init-token-value' });
		const open = await startReductFake();
		try {
			expect(
				await runTest(secured, {
					url: `${secured.url}/`,
					apiToken: 'init-token-value',
					allowUnauthorizedCerts: false,
				}),
			).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(
				await runTest(open, { url: open.url, apiToken: '', allowUnauthorizedCerts: false }),
			).toMatchObject({ status: 'OK' });
			expect(
				await runTest(secured, {
					url: secured.url,
					apiToken: 'wrong',
					allowUnauthorizedCerts: false,
				}),
			).toEqual({
				status: 'Error',
				message: 'The server rejected the API token (HTTP 401): it is missing, wrong or expired',
			});
			expect(
				await runTest(secured, { url: secured.url, apiToken: '', allowUnauthorizedCerts: false }),
			).toMatchObject({ status: 'Error' });
			expect(secured.requests.every((r) => r.path === '/api/v1/info')).toBe(true);
		} finally {
			await secured.close();
			await open.close();
		}
	});

	it('has a 403 rule for tokens without permission', () => {
		expect(credential.test.rules).toContainEqual({
			type: 'responseCode',
			properties: {
				value: 403,
				message:
					'The API token is valid but lacks the permission to read server information (HTTP 403)',
			},
		});
		expect(credential.name).toBe('cloudPackReductStoreApi');
		expect(credential.properties.find((p) => p.name === 'apiToken')?.typeOptions).toEqual({
			password: true,
		});
		expect(credential.properties.find((p) => p.name === 'allowUnauthorizedCerts')?.default).toBe(
			false,
		);
	});
});
