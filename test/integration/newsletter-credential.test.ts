import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
} from 'n8n-workflow';

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

type Data = ICredentialDataDecryptedObject;

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
	let signed: IHttpRequestOptions;
	try {
		signed = await credential.authenticate(data, {
			...options,
			baseURL: resolve(options.baseURL, data),
			url: resolve(options.url, data),
		});
	} catch (error) {
		// n8n's credentials tester shows what the credential threw
		return { status: 'Error', message: (error as Error).message };
	}
	const answer = await fetch(`${signed.baseURL}${signed.url}`, {
		method: options.method,
		headers: signed.headers as Record<string, string>,
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

	it('authenticates with a Bearer header, the way the node does', async () => {
		const signed = await credential.authenticate(data(), {
			url: `${fake.url}/1/newsletters/${fake.domainId}`,
			headers: { Accept: 'application/json' },
		});
		expect(signed.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${fake.token}`,
		});
		expect(credential.properties.find((p) => p.name === 'apiToken')?.typeOptions).toEqual({
			password: true,
		});
	});

	it('refuses user:password@ and the token over plain http:// to another machine, sending nothing', async () => {
		const sent = fake.requests.length;
		const withUser = await testCredential(
			data({ baseUrl: fake.url.replace('http://', 'http://me:pw-0815@') }),
		);
		expect(withUser).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^The "Base URL" of the Infomaniak Newsletter credential must not contain a user name or password/,
			),
		});
		expect(withUser.message).not.toContain('pw-0815');
		expect(await testCredential(data({ baseUrl: 'http://api.infomaniak.example' }))).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^The "Base URL" of the Infomaniak Newsletter credential must use https:\/\/.*api\.infomaniak\.example/,
			),
		});
		expect(fake.requests).toHaveLength(sent);
	});
});
