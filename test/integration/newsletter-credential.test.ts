import type { ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';

import { CloudPackInfomaniakNewsletterApi } from '../../credentials/CloudPackInfomaniakNewsletterApi.credentials';
import {
	startNewsletterFake,
	UNSCOPED_TOKEN,
	type NewsletterFake,
} from '../fakes/infomaniak-newsletter/server';

/**
 * The credential's test, sent the way n8n sends it (its expressions resolved, its authenticate
 * block applied) to the fake, and its outcome read the way n8n's credentials tester reads it:
 * a rule for the status, or OK.
 */

const credential = new CloudPackInfomaniakNewsletterApi();
let fake: NewsletterFake;

beforeAll(async () => {
	fake = await startNewsletterFake({ quota: null });
});

afterAll(async () => {
	await fake.close();
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

type Data = Record<string, unknown>;

/** Resolves `={{ … }}` the way n8n does for these simple expressions over `$credentials`. */
function resolve(value: string | undefined, data: Data): string {
	if (!value?.startsWith('=')) return value ?? '';
	return value
		.slice(1)
		.replace(/\{\{(.+?)\}\}/g, (_, code: string) =>
			String(new Function('$credentials', `return (${code});`)(data)),
		);
}

async function testCredential(data: Data): Promise<{ status: 'OK' | 'Error'; message?: string }> {
	const { request, rules } = credential.test as ICredentialTestRequest;
	const options = request as IHttpRequestOptions;
	const url = resolve(options.baseURL, data) + resolve(options.url, data);
	const headers = credential.authenticate.properties.headers as Record<string, string>;
	const answer = await fetch(url, {
		method: options.method,
		headers: { Authorization: resolve(headers.Authorization, data) },
	});
	if (answer.ok) return { status: 'OK' };
	const rule = rules?.find(
		(r) => r.type === 'responseCode' && (r.properties as { value: number }).value === answer.status,
	);
	return {
		status: 'Error',
		message: rule ? (rule.properties as { message: string }).message : `HTTP ${answer.status}`,
	};
}

const data = (overrides: Data = {}): Data => ({
	apiToken: fake.token,
	domainId: String(fake.domainId),
	baseUrl: fake.url,
	...overrides,
});

describe('the Infomaniak Newsletter credential test', () => {
	it('passes with a valid token and domain (a trailing slash or spaces do not matter)', async () => {
		expect(await testCredential(data())).toEqual({ status: 'OK' });
		expect(
			await testCredential(data({ baseUrl: `${fake.url}/`, domainId: ` ${fake.domainId} ` })),
		).toEqual({
			status: 'OK',
		});
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /1/newsletters/4242',
			'GET /1/newsletters/4242',
		]);
	});

	it('says what failed: the token, its scope, or the domain id', async () => {
		expect(await testCredential(data({ apiToken: 'expired' }))).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Infomaniak refused the API token \(HTTP 401\)/),
		});
		expect(await testCredential(data({ apiToken: UNSCOPED_TOKEN }))).toEqual({
			status: 'Error',
			message: expect.stringMatching(/give it the "newsletter" scope/),
		});
		expect(await testCredential(data({ domainId: '12' }))).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/there is no newsletter domain with this Domain ID \(HTTP 404\)/,
			),
		});
	});

	it('authenticates with a Bearer header, the way the node does', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
		});
		expect(credential.properties.find((p) => p.name === 'apiToken')?.typeOptions).toEqual({
			password: true,
		});
	});
});
