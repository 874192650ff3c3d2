import { UserError } from 'n8n-workflow';

import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/transport/retryPolicy';
import {
	applicationUrl,
	isSessionDue,
	logIn,
	loginRefused,
	renewalTime,
	RENEW_MARGIN_MS,
	sessionOwner,
	tokenExpiry,
} from '../../../nodes/CloudCix/session';

const jwt = (payload: object) =>
	['{"alg":"RS256"}', JSON.stringify(payload)]
		.map((part) => Buffer.from(part).toString('base64url'))
		.concat('signature')
		.join('.');

describe('applicationUrl', () => {
	it.each([
		['https://api.cloudcix.com/', 'membership', 'https://membership.api.cloudcix.com/'],
		['https://api.cloudcix.com', 'iaas', 'https://iaas.api.cloudcix.com/'],
		['', 'membership', 'https://membership.api.cloudcix.com/'],
		[undefined, 'compute', 'https://compute.api.cloudcix.com/'],
		['https://api.example.com:8443/v2/', 'iaas', 'https://iaas.api.example.com:8443/v2/'],
		['http://127.0.0.1:4010/{application}/', 'membership', 'http://127.0.0.1:4010/membership/'],
		['https://{application}.cix.example.com', 'vault', 'https://vault.cix.example.com/'],
		['https://api.cloudcix.com/?x=1#y', 'membership', 'https://membership.api.cloudcix.com/'],
	])('%s + %s → %s', (apiUrl, application, expected) => {
		expect(applicationUrl(apiUrl, application)).toBe(expected);
	});

	it('refuses what is not an http(s) URL, with a UserError naming the credential field', () => {
		expect(() => applicationUrl('api.cloudcix.com', 'membership')).toThrow(
			'The "API URL" of the CloudCIX credential is not a URL',
		);
		expect(() => applicationUrl('ftp://api.cloudcix.com/', 'membership')).toThrow(UserError);
	});

	it('the endpoint rule: no user:password@, the password and token over http:// to this machine only', () => {
		const refusal = (apiUrl: string) => {
			try {
				applicationUrl(apiUrl, 'membership');
			} catch (error) {
				expect(error).toBeInstanceOf(UserError);
				return (error as Error).message;
			}
			return undefined;
		};
		for (const apiUrl of [
			'https://admin:pw-0815@api.cloudcix.com/',
			'https://admin:pw-0815@cix.example.com/{application}/',
			'http://admin:pw-0815@127.0.0.1:4010/{application}/',
		]) {
			expect(refusal(apiUrl)).toMatch(
				/^The "API URL" of the CloudCIX credential must not contain a user name or password/,
			);
			expect(refusal(apiUrl)).not.toContain('pw-0815');
		}
		expect(refusal('http://api.cloudcix.com/')).toMatch(
			/^The "API URL" of the CloudCIX credential must use https:\/\/: plain http:\/\/ would send the credential's secret in clear text to membership\.api\.cloudcix\.com/,
		);
		expect(refusal('http://{application}.cix.lan/')).toMatch(
			/must use https:\/\/.*membership\.cix\.lan/,
		);
		// this machine: the name in front of "localhost" stays on it
		expect(applicationUrl('http://localhost:4010/', 'iaas')).toBe('http://iaas.localhost:4010/');
		expect(applicationUrl('http://[::1]:4010/{application}/', 'iaas')).toBe(
			'http://[::1]:4010/iaas/',
		);
	});
});

describe('the token lifetime', () => {
	const now = Date.parse('2026-03-01T10:00:00Z');

	it('reads exp from the JWT payload; anything else has none', () => {
		expect(tokenExpiry(jwt({ uid: 1, exp: 1772364000 }))).toBe(1772364000);
		expect(tokenExpiry('opaque-token')).toBeUndefined();
		expect(tokenExpiry(jwt({ uid: 1 }))).toBeUndefined();
		expect(tokenExpiry('a.!!!.c')).toBeUndefined();
	});

	it('renews 5 minutes before exp, measured on the server clock (the login Date header)', () => {
		const token = jwt({ uid: 1, exp: now / 1000 + 7200 });
		expect(renewalTime(token, new Date(now).toUTCString(), now)).toBe(
			new Date(now + 7200_000 - RENEW_MARGIN_MS).toISOString(),
		);
		// the server clock is 1 h ahead: the token still lives 2 h from now on ours
		const ahead = jwt({ uid: 1, exp: now / 1000 + 3600 + 7200 });
		expect(renewalTime(ahead, new Date(now + 3600_000).toUTCString(), now)).toBe(
			new Date(now + 7200_000 - RENEW_MARGIN_MS).toISOString(),
		);
	});

	it('a token shorter than twice the margin is renewed at half its life; without a Date header the local clock counts', () => {
		const short = jwt({ uid: 1, exp: now / 1000 + 240 });
		expect(renewalTime(short, undefined, now)).toBe(new Date(now + 120_000).toISOString());
	});

	it('no expiry, or one already past: no renewal time (a 401 renews it)', () => {
		expect(renewalTime('opaque', undefined, now)).toBe('');
		expect(renewalTime(jwt({ uid: 1, exp: now / 1000 - 1 }), undefined, now)).toBe('');
	});
});

describe('isSessionDue', () => {
	const base = { email: 'a@b.c', apiKey: 'key', apiUrl: 'https://api.cloudcix.com/', token: 't' };
	const owned = { ...base, sessionOwner: sessionOwner(base) };
	const now = Date.parse('2026-03-01T10:00:00Z');

	it('no token: due', () => expect(isSessionDue({ ...owned, token: '' }, now)).toBe(true));
	it('a token to renew later: not due', () =>
		expect(
			isSessionDue({ ...owned, sessionRenewAfter: new Date(now + 1).toISOString() }, now),
		).toBe(false));
	it('past its renewal time: due', () =>
		expect(isSessionDue({ ...owned, sessionRenewAfter: new Date(now).toISOString() }, now)).toBe(
			true,
		));
	it('no renewal time (an opaque token): not due', () =>
		expect(isSessionDue({ ...owned, sessionRenewAfter: '' }, now)).toBe(false));
	it.each(['email', 'apiKey', 'apiUrl'])('issued before %s changed: due', (field) =>
		expect(isSessionDue({ ...owned, [field]: 'changed' }, now)).toBe(true),
	);
	it('the owner is a hash: neither the API key nor the e-mail can be read from it', () => {
		expect(owned.sessionOwner).toMatch(/^[0-9a-f]{16}$/);
	});
});

describe('loginRefused', () => {
	it('CloudCIX code and detail, and what to check', () => {
		const error = loginRefused(400, {
			error_code: 'membership_token_create_003',
			detail: 'The sent "api_key" is invalid.',
		});
		expect(error).toBeInstanceOf(UserError);
		expect(error.message).toBe(
			'CloudCIX refused the login (membership_token_create_003): The sent "api_key" is invalid.',
		);
		expect(error.description).toContain('API Key');
	});

	it('one-time-password codes say that such users cannot be used', () => {
		const error = loginRefused(
			400,
			'{"error_code":"membership_token_create_007","detail":"otp required"}',
		);
		expect(error.description).toContain('one-time password');
	});

	it('a body that is not CloudCIX JSON still gives the status', () => {
		expect(loginRefused(404, '<h1>Not Found</h1>').message).toBe(
			'CloudCIX refused the login: <h1>Not Found</h1>',
		);
		expect(loginRefused(403, undefined).message).toBe('CloudCIX refused the login: HTTP 403');
	});
});

describe('logIn', () => {
	it("has the policy's idle timeout: a server that never answers fails the login, never hangs", async () => {
		const sent: IHttpRequestOptions[] = [];
		const helper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					sent.push(options);
					return { body: { token: 'issued' }, headers: {}, statusCode: 201 };
				},
			},
		} as unknown as IHttpRequestHelper;
		const session = await logIn.call(helper, {
			email: 'user@example.com',
			password: 'p',
			apiKey: 'k',
			apiUrl: 'https://{application}.api.cloudcix.com',
		});
		expect(session.token).toBe('issued');
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			method: 'POST',
			url: 'https://membership.api.cloudcix.com/auth/login/',
			timeout: DEFAULT_RETRY_POLICY.idleTimeoutMs,
		});
	});
});
