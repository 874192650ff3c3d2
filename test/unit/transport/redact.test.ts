import {
	REDACTED,
	redactObject,
	redactSecrets,
	secretsFromCredential,
	secretsFromRequest,
} from '../../../nodes/shared/transport';

describe('redactSecrets', () => {
	test('replaces every known secret, including URL-encoded and JSON-escaped forms', () => {
		const secret = 'p@ss/wo"rd+1';
		const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`;
		const redacted = redactSecrets(text, [secret]);
		expect(redacted).not.toContain('p@ss');
		expect(redacted).not.toContain(encodeURIComponent(secret));
		expect(redacted).toBe(`raw ${REDACTED} url ${REDACTED} json "${REDACTED}"`);
	});

	test('ignores empty and too-short secrets', () => {
		expect(redactSecrets('an abc value', ['', 'abc'])).toBe('an abc value');
		expect(redactSecrets('an abcd value', ['abcd'])).toBe(`an ${REDACTED} value`);
	});

	test.each([
		['Authorization: Bearer abc.def.ghi', 'abc.def'],
		['authorization=SharedKey acct:c2lnbmF0dXJl', 'c2lnbmF0dXJl'],
		['{"Authorization":"AWS4-HMAC-SHA256 Credential=AKIA/2024, Signature=beef"}', 'beef'],
		['got Bearer eyJhbGciOi.payload.sig from you', 'eyJhbGciOi'],
		['X-Auth-Token: gAAAAABk-token-value', 'gAAAAABk'],
		['x-api-key=abcdef123456', 'abcdef123456'],
		['GET /b/o?X-Amz-Signature=deadbeef0123&X-Amz-Date=20240101', 'deadbeef0123'],
		['https://acct.blob.core.windows.net/c/b?sv=2022&sig=AbC%2Bdef%3D&se=2024', 'AbC%2Bdef'],
		['/v1/AUTH_x/c/o?temp_url_sig=0a1b2c3d&temp_url_expires=1', '0a1b2c3d'],
		['callback?access_token=ya29.secretvalue&x=1', 'ya29.secretvalue'],
		['list?token=tok-998877&page=2', 'tok-998877'],
		['{"refresh_token":"1//0gAbc","password":"hunter22","name":"ok"}', 'hunter22'],
		['Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA'],
	])('generic pattern: %s', (text, leaked) => {
		const redacted = redactSecrets(text, []);
		expect(redacted).not.toContain(leaked);
		expect(redacted).toContain(REDACTED);
	});

	test('leaves ordinary prose and non-secret parameters alone', () => {
		const text = 'Basic authentication is required for bucket my-bucket (page=2, region=eu-west-1)';
		expect(redactSecrets(text, [])).toBe(text);
		expect(redactSecrets('?prefix=a&X-Amz-Date=2024&sig=ABCDEF', [])).toBe(
			`?prefix=a&X-Amz-Date=2024&sig=${REDACTED}`,
		);
	});
});

describe('redactObject', () => {
	test('deep copies, redacts sensitive fields whole and strings by value, without mutating', () => {
		const input = {
			headers: { Authorization: 'Bearer t0ken-value', 'X-Auth-Token': 'abc123456', Accept: 'json' },
			url: 'https://h/x?sig=SIGVALUE1&a=1',
			nested: [{ note: 'contains MYSECRET1 inside' }],
			when: new Date(0),
			blob: Buffer.from('hello'),
			fn: () => 1,
		};
		const copy = redactObject(input, ['MYSECRET1']);
		expect(copy).not.toBe(input);
		expect(copy.headers).toEqual({
			Authorization: REDACTED,
			'X-Auth-Token': REDACTED,
			Accept: 'json',
		});
		expect(copy.url).toBe(`https://h/x?sig=${REDACTED}&a=1`);
		expect(copy.nested[0].note).toBe(`contains ${REDACTED} inside`);
		expect(copy.when).toEqual(new Date(0));
		expect(copy.blob).toBe('[Buffer 5 bytes]');
		expect('fn' in copy).toBe(false);
		expect(input.headers.Authorization).toBe('Bearer t0ken-value');
	});

	test('survives cycles and errors', () => {
		const cyclic: Record<string, unknown> = { token: 'abcdefgh' };
		cyclic.self = cyclic;
		const copy = redactObject({ cyclic, err: new Error('leaked abcdefgh') }, ['abcdefgh']);
		expect(JSON.stringify(copy.err)).not.toContain('abcdefgh');
		expect((copy.cyclic as Record<string, unknown>).self).toBe(copy.cyclic);
	});
});

describe('secret discovery', () => {
	test('secretsFromRequest finds header, query, url and basic-auth credentials', () => {
		const secrets = secretsFromRequest({
			url: 'https://h/p?sig=URLSIG123&prefix=abc',
			headers: { Authorization: 'Bearer HEADERTOKEN', 'Content-Type': 'application/json' },
			qs: { access_token: 'QSTOKEN1', limit: 1000 },
			auth: { password: 'BASICPASS' },
		});
		expect(secrets).toEqual(
			expect.arrayContaining([
				'URLSIG123',
				'Bearer HEADERTOKEN',
				'HEADERTOKEN',
				'QSTOKEN1',
				'BASICPASS',
			]),
		);
		expect(secrets).not.toContain('application/json');
		expect(secrets).not.toContain('abc');
	});

	test('secretsFromCredential reads sensitive fields, also inside JSON strings', () => {
		const secrets = secretsFromCredential({
			region: 'eu-west-1',
			accessKeyId: 'AKIAEXAMPLE',
			secretAccessKey: 'wJalrXUtnFEMI',
			serviceAccount: JSON.stringify({
				client_email: 'a@b.c',
				private_key: '-----BEGIN KEY-----abc',
			}),
		});
		expect(secrets).toEqual(
			expect.arrayContaining(['AKIAEXAMPLE', 'wJalrXUtnFEMI', '-----BEGIN KEY-----abc']),
		);
		expect(secrets).not.toContain('eu-west-1');
		expect(secrets).not.toContain('a@b.c');
	});
});
