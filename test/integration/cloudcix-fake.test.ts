import { verifyToken } from '../fakes/cloudcix/jwt';
import { useCloudCixFake } from '../fakes/cloudcix/jest';
import { startCloudCixFake, type CloudCixFake } from '../fakes/cloudcix/server';

/**
 * The CloudCIX fake against the documented rules, with plain HTTP (fetch), so that it cannot
 * drift into agreeing with the node. Each rule cites its source: `membership` views/auth.py and
 * errors, `cloudcix_rest` auth.py, controllers.py, exceptions.py and middleware.py, and the
 * python-cloudcix client docs (see /work/shared/specs/cloudcix/NOTES.md).
 */

let fake: CloudCixFake;
useCloudCixFake((started) => (fake = started));

const url = (application: string, path: string) =>
	fake.apiUrl.replace('{application}', application) + path;

interface Answer {
	status: number;
	body: any;
	text: string;
	headers: Headers;
}

async function call(
	method: string,
	application: string,
	path: string,
	options: { token?: string; body?: unknown; query?: string | Record<string, string> } = {},
): Promise<Answer> {
	const query =
		typeof options.query === 'string'
			? options.query
			: new URLSearchParams(options.query ?? {}).toString();
	const response = await fetch(`${url(application, path)}${query ? `?${query}` : ''}`, {
		method,
		redirect: 'manual',
		headers: {
			...(options.token ? { 'X-Auth-Token': options.token } : {}),
			...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.text();
	let body: any;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, body, text, headers: response.headers };
}

const credentials = () => ({
	email: fake.user.email,
	password: fake.user.password,
	api_key: fake.user.memberApiKey,
});

async function token(): Promise<string> {
	const answer = await call('POST', 'membership', 'auth/login/', { body: credentials() });
	expect(answer.status).toBe(201);
	return answer.body.token as string;
}

describe('Membership login (views/auth.py, errors/auth.py)', () => {
	it('201 with an RS256 JWT {uid, exp} for e-mail, password and api_key', async () => {
		const answer = await call('POST', 'membership', 'auth/login/', { body: credentials() });
		expect(answer.status).toBe(201);
		expect(Object.keys(answer.body)).toEqual(['token']);
		const [header, payload] = (answer.body.token as string)
			.split('.')
			.slice(0, 2)
			.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
		expect(header.alg).toBe('RS256');
		expect(Object.keys(payload).sort()).toEqual(['exp', 'uid']);
		expect(payload.uid).toBe(fake.user.id);
		expect(verifyToken(answer.body.token, fake.publicKey, Date.now()).ok).toBe(true);
		// the default TOKEN_VALID_HOURS of the fake: 2 hours
		expect(payload.exp * 1000 - Date.parse(answer.headers.get('date')!)).toBeGreaterThan(7190_000);
		expect(fake.logins()).toBe(1);
	});

	it('the e-mail is matched in any case', async () => {
		const answer = await call('POST', 'membership', 'auth/login/', {
			body: { ...credentials(), email: fake.user.email.toUpperCase() },
		});
		expect(answer.status).toBe(201);
	});

	it('without api_key: 200 {} (valid credentials, no token)', async () => {
		const withoutKey = { email: fake.user.email, password: fake.user.password };
		const answer = await call('POST', 'membership', 'auth/login/', { body: withoutKey });
		expect([answer.status, answer.body]).toEqual([200, {}]);
		expect(fake.logins()).toBe(0);
	});

	it.each([
		[
			{ password: 'x', api_key: 'k' },
			'membership_token_create_001',
			'Both the "email" and "password" keys are required in the sent data.',
		],
		[
			{ email: 'robot@example.com', password: 'wrong', api_key: 'k' },
			'membership_token_create_002',
			'The sent email and password combination is invalid. Please check both and try again.',
		],
		[
			{ email: 'robot@example.com', password: 'correct horse battery', api_key: 'other-member' },
			'membership_token_create_003',
			'The sent "api_key" is invalid. The authenticating User does not belong to a Member with that "api_key"',
		],
	])('400 with error_code and detail: %j', async (body, code, detail) => {
		const answer = await call('POST', 'membership', 'auth/login/', { body });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error_code: code, detail });
	});

	it('a user with a one-time password needs "otp" (007) and a right one (008)', async () => {
		const user = fake.addUser({
			email: 'otp@example.com',
			password: 'pw-otp-user',
			memberApiKey: 'k-otp',
			otp: '123456',
		});
		const base = { email: user.email, password: user.password, api_key: user.memberApiKey };
		expect((await call('POST', 'membership', 'auth/login/', { body: base })).body.error_code).toBe(
			'membership_token_create_007',
		);
		expect(
			(await call('POST', 'membership', 'auth/login/', { body: { ...base, otp: '000000' } })).body
				.error_code,
		).toBe('membership_token_create_008');
		expect(
			(await call('POST', 'membership', 'auth/login/', { body: { ...base, otp: '123456' } }))
				.status,
		).toBe(201);
	});

	it('PUT auth/login/ with a valid token: 200 with a new token valid for one hour', async () => {
		const answer = await call('PUT', 'membership', 'auth/login/', { token: await token() });
		expect(answer.status).toBe(200);
		const payload = JSON.parse(
			Buffer.from(answer.body.token.split('.')[1], 'base64url').toString(),
		);
		const lifetime = payload.exp * 1000 - Date.parse(answer.headers.get('date')!);
		expect(lifetime).toBeGreaterThan(3590_000);
		expect(lifetime).toBeLessThanOrEqual(3601_000);
	});

	it('PUT auth/login/ without a token: 401 (LoginPermission)', async () => {
		const answer = await call('PUT', 'membership', 'auth/login/');
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ detail: 'Authentication credentials were not provided.' });
	});
});

describe('X-Auth-Token on every request (cloudcix_rest/auth.py)', () => {
	it('no token: 401 "Authentication credentials were not provided." with WWW-Authenticate: X-Auth-Token', async () => {
		const answer = await call('GET', 'membership', 'country/');
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ detail: 'Authentication credentials were not provided.' });
		expect(answer.headers.get('www-authenticate')).toBe('X-Auth-Token');
	});

	it('a token that does not decode: 401 with the decoding message', async () => {
		const answer = await call('GET', 'membership', 'country/', { token: 'not.a.jwt' });
		expect(answer.status).toBe(401);
		expect(answer.body.detail).toBe(
			'An error occurred while decoding your token, try again later.',
		);
	});

	it('a token signed by someone else is refused like one that does not decode', async () => {
		const other = await startCloudCixFake();
		try {
			const foreign = other.issueToken();
			const answer = await call('GET', 'membership', 'country/', { token: foreign });
			expect(answer.status).toBe(401);
		} finally {
			await other.close();
		}
	});

	it('an expired token: 401 "JWT token is expired. Please login again."', async () => {
		const valid = await token();
		fake.advanceClock(7201);
		const answer = await call('GET', 'membership', 'country/', { token: valid });
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ detail: 'JWT token is expired. Please login again.' });
		expect((await call('GET', 'membership', 'country/', { token: await token() })).status).toBe(
			200,
		);
	});

	it('expireTokensAfter(n): the n-th authenticated request still passes, the next one with the same token is 401', async () => {
		const valid = await token();
		fake.expireTokensAfter(2);
		expect((await call('GET', 'membership', 'country/', { token: valid })).status).toBe(200);
		expect((await call('GET', 'membership', 'country/', { token: valid })).status).toBe(200);
		expect((await call('GET', 'membership', 'country/', { token: valid })).status).toBe(401);
		expect((await call('GET', 'membership', 'country/', { token: await token() })).status).toBe(
			200,
		);
	});

	it('an expired user logs in, then gets 403 "User is expired. Cannot log in."', async () => {
		const user = fake.addUser({
			email: 'old@example.com',
			password: 'pw-old-user',
			memberApiKey: 'k-old',
			expired: true,
		});
		const login = await call('POST', 'membership', 'auth/login/', {
			body: { email: user.email, password: user.password, api_key: user.memberApiKey },
		});
		expect(login.status).toBe(201);
		const answer = await call('GET', 'membership', 'country/', { token: login.body.token });
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({ detail: 'User is expired. Cannot log in.' });
	});
});

describe('lists (controllers.py validate_limit/page/order, views)', () => {
	let t: string;
	beforeEach(async () => {
		t = await token();
		fake.seed(
			'iaas',
			'project/',
			Array.from({ length: 130 }, (_, i) => ({
				name: `p${String(i).padStart(3, '0')}`,
				region_id: i % 3,
				archived: i % 10 === 0,
			})),
		);
	});
	const list = (query: string) => call('GET', 'iaas', 'project/', { token: t, query });

	it('defaults: page 0, limit 50, the first allowed ordering; {content, _metadata}', async () => {
		const answer = await list('');
		expect(answer.status).toBe(200);
		expect(answer.body.content).toHaveLength(50);
		expect(answer.body._metadata).toEqual({
			page: 0,
			limit: 50,
			order: 'name',
			total_records: 130,
			warnings: [],
		});
	});

	it('the slice is [page*limit : (page+1)*limit], pages counted from 0', async () => {
		const answer = await list('page=1&limit=40');
		expect(answer.body.content.map((p: any) => p.name)).toEqual(
			Array.from({ length: 40 }, (_, i) => `p${String(40 + i).padStart(3, '0')}`),
		);
		const last = await list('page=3&limit=40');
		expect(last.body.content).toHaveLength(10);
		expect((await list('page=4&limit=40')).body.content).toEqual([]);
	});

	it.each([
		['101', 50],
		['0', 50],
		['-5', 50],
		['abc', 50],
		['100', 100],
		['1', 1],
		[' 7 ', 7],
	])('limit=%s → %i', async (limit, expected) => {
		const answer = await list(`limit=${encodeURIComponent(limit)}`);
		expect(answer.body._metadata.limit).toBe(expected);
	});

	it.each([
		['-1', 0],
		['x', 0],
		['2', 2],
	])('page=%s → %i', async (page, expected) => {
		expect((await list(`page=${page}&limit=10`)).body._metadata.page).toBe(expected);
	});

	it('order: an allowed field, - for descending; anything else falls back to the default, without a warning', async () => {
		expect((await list('order=-name&limit=1')).body.content[0].name).toBe('p129');
		expect((await list('order=-name')).body._metadata.order).toBe('-name');
		const invalid = await list('order=colour');
		expect(invalid.body._metadata).toMatchObject({ order: 'name', warnings: [] });
	});
});

describe('search and exclude (middleware.py deepObject, controllers.py validate_search/exclude)', () => {
	let t: string;
	beforeEach(async () => {
		t = await token();
		fake.seed('iaas', 'project/', [
			{ name: 'Alpha', region_id: 1, archived: false, note: 'x' },
			{ name: 'alpine', region_id: 2, archived: true },
			{ name: 'Beta', region_id: 3, archived: false },
			{ name: 'Gamma', region_id: 4, archived: false },
		]);
	});
	const names = async (query: string) => {
		const answer = await call('GET', 'iaas', 'project/', { token: t, query });
		expect(answer.status).toBe(200);
		return {
			names: answer.body.content.map((p: any) => p.name),
			warnings: answer.body._metadata.warnings,
		};
	};

	it('search[field]=value is exact; search[field__op] with an allowed op', async () => {
		expect((await names('search[name]=Beta')).names).toEqual(['Beta']);
		expect((await names('search[name__icontains]=ALP')).names).toEqual(['Alpha', 'alpine']);
		expect((await names('search[name__istartswith]=g')).names).toEqual(['Gamma']);
		expect((await names('search[region_id__gte]=3')).names).toEqual(['Beta', 'Gamma']);
		expect((await names('search[region_id__lt]=2')).names).toEqual(['Alpha']);
	});

	it('the brackets may be percent-encoded, as HTTP clients send them', async () => {
		expect((await names('search%5Bname__iexact%5D=beta')).names).toEqual(['Beta']);
	});

	it('in and range take lists, brackets, parentheses and quotes stripped', async () => {
		expect((await names('search[region_id__in]=1,4')).names).toEqual(['Alpha', 'Gamma']);
		expect((await names("search[name__in]=['Beta', 'Gamma']")).names).toEqual(['Beta', 'Gamma']);
		expect((await names('search[region_id__range]=(2, 3)')).names).toEqual(['alpine', 'Beta']);
	});

	it('a range of other than two values is skipped with a warning', async () => {
		const result = await names('search[region_id__range]=1,2,3');
		expect(result.names).toHaveLength(4);
		expect(result.warnings).toEqual([
			'SearchFilterWarning: region_id__range is an invalid filter as it contains an invalid "range" parameter. Ensure that "range" parameters are sent as strings of 2-tuples, e.g. "search[number__range]=(10, 15)".',
		]);
	});

	it('true/false become booleans; isnull takes a boolean', async () => {
		expect((await names('search[archived]=TRUE')).names).toEqual(['alpine']);
		expect((await names('search[region_id__isnull]=false')).names).toHaveLength(4);
	});

	it('exclude drops the records matching all its conditions', async () => {
		expect((await names('exclude[name__istartswith]=a')).names).toEqual(['Beta', 'Gamma']);
		expect((await names('search[archived]=false&exclude[region_id__in]=1,3')).names).toEqual([
			'Gamma',
		]);
	});

	it('an unknown field or an operator not allowed for it is skipped with a warning; the others apply', async () => {
		const result = await names(
			'search[colour]=red&search[name__contains]=a&exclude[nme]=x&search[name__icontains]=amm',
		);
		expect(result.names).toEqual(['Gamma']);
		expect(result.warnings).toEqual([
			'SearchFilterWarning: colour is an invalid filter for this list method and was skipped.',
			'SearchFilterWarning: name__contains is an invalid filter for this list method as the specified operator is invalid for the name, and was skipped.',
			'ExcludeFilterWarning: nme is an invalid filter for this list method and was skipped.',
		]);
	});

	it('a date part needs an integer, else it is skipped with a warning', async () => {
		const year = new Date(fake.now()).getUTCFullYear();
		expect((await names(`search[created__year]=${year}`)).names).toHaveLength(4);
		const result = await names('search[created__year]=soon');
		expect(result.warnings[0]).toBe(
			'SearchFilterWarning: created__year is an invalid filter as it requires an integer value and the received value was not a valid integer.',
		);
	});

	it('old un-bracketed filters still work, with a DeprecationWarning each for search and exclude', async () => {
		const result = await names('name__icontains=a&exclude__region_id=1');
		expect(result.names).toEqual(['alpine', 'Beta', 'Gamma']);
		expect(result.warnings).toEqual([
			'DeprecationWarning: The old form of specifying search filters is deprecated and will be removed soon. Please now use the OpenAPI deepObject style to specify filters; e.g. "name__icontains=hi" should become "search[name__icontains]=hi".',
			'DeprecationWarning: The old form of specifying exclude filters is deprecated and will be removed soon. Please now use the OpenAPI deepObject style to specify filters; e.g. "exclude__name__icontains=hi" should become "exclude[name__icontains]=hi".',
		]);
	});

	it('a value the field cannot take: 400 <app>_<service>_list_001', async () => {
		const answer = await call('GET', 'iaas', 'project/', {
			token: t,
			query: 'search[region_id]=two',
		});
		expect(answer.status).toBe(400);
		expect(answer.body.error_code).toBe('iaas_project_list_001');
	});

	it('of repeated keys the last counts, and the fake reports the repetition as a violation', async () => {
		expect((await names('search[name]=Alpha&search[name]=Beta')).names).toEqual(['Beta']);
		expect(fake.violations).toEqual([expect.stringContaining('repeated query keys search[name]')]);
		fake.violations.length = 0;
	});
});

describe('create, read, update, partial update, delete, head (views, exceptions.py)', () => {
	let t: string;
	beforeEach(async () => {
		t = await token();
	});

	it('create: 201 {content} with id; read: 200 {content}', async () => {
		const created = await call('POST', 'membership', 'department/', {
			token: t,
			body: { name: ' Sales ' },
		});
		expect(created.status).toBe(201);
		expect(created.body.content).toMatchObject({ name: 'Sales', id: expect.any(Number) });
		const read = await call('GET', 'membership', `department/${created.body.content.id}/`, {
			token: t,
		});
		expect([read.status, read.body.content.name]).toEqual([200, 'Sales']);
	});

	it('validation: 400 {errors: {field: {error_code, detail}}, detail: "Bad request."}', async () => {
		await call('POST', 'membership', 'department/', { token: t, body: { name: 'Sales' } });
		const missing = await call('POST', 'membership', 'department/', { token: t, body: {} });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({
			errors: {
				name: {
					error_code: 'membership_department_create_101',
					detail: 'The "name" parameter is invalid. "name" is required and must be a string.',
				},
			},
			detail: 'Bad request.',
		});
		const taken = await call('POST', 'membership', 'department/', {
			token: t,
			body: { name: 'Sales' },
		});
		expect(taken.body.errors.name.error_code).toBe('membership_department_create_103');
		const long = await call('POST', 'membership', 'department/', {
			token: t,
			body: { name: 'x'.repeat(51) },
		});
		expect(long.body.errors.name.error_code).toBe('membership_department_create_102');
		const two = await call('POST', 'iaas', 'project/', { token: t, body: { region_id: 'one' } });
		expect(Object.keys(two.body.errors).sort()).toEqual(['name', 'region_id']);
	});

	it('body that is not JSON: 400 "JSON parse error"', async () => {
		const response = await fetch(url('membership', 'department/'), {
			method: 'POST',
			headers: { 'X-Auth-Token': t, 'Content-Type': 'application/json' },
			body: '{"name": ',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { detail: string }).detail).toMatch(/^JSON parse error/);
	});

	it('PUT validates every field; PATCH only the fields sent', async () => {
		const [project] = fake.seed('iaas', 'project/', [{ name: 'P', region_id: 1, note: 'keep' }]);
		const put = await call('PUT', 'iaas', `project/${project.id}/`, {
			token: t,
			body: { name: 'Q' },
		});
		expect(put.status).toBe(400);
		expect(put.body.errors.region_id.error_code).toBe('iaas_project_update_111');
		const patch = await call('PATCH', 'iaas', `project/${project.id}/`, {
			token: t,
			body: { name: 'Q' },
		});
		expect(patch.status).toBe(200);
		expect(patch.body.content).toMatchObject({ name: 'Q', region_id: 1, note: 'keep' });
		const full = await call('PUT', 'iaas', `project/${project.id}/`, {
			token: t,
			body: { name: 'R', region_id: 2 },
		});
		expect([full.status, full.body.content.region_id, full.body.content.note]).toEqual([
			200,
			2,
			'',
		]);
	});

	it('delete: 204 without a body; then 404 {error_code, detail} for read, update and delete', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Gone' }]);
		const deleted = await call('DELETE', 'membership', `department/${department.id}/`, {
			token: t,
		});
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		for (const [method, verb] of [
			['GET', 'read'],
			['PATCH', 'update'],
			['DELETE', 'delete'],
		]) {
			const answer = await call(method, 'membership', `department/${department.id}/`, {
				token: t,
				body: method === 'PATCH' ? { name: 'x' } : undefined,
			});
			expect(answer.status).toBe(404);
			expect(answer.body.error_code).toBe(`membership_department_${verb}_001`);
			expect(typeof answer.body.detail).toBe('string');
		}
	});

	it('HEAD: the status and headers of GET, no body', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Here' }]);
		const found = await call('HEAD', 'membership', `department/${department.id}/`, { token: t });
		expect([found.status, found.text]).toEqual([200, '']);
		expect(found.headers.get('content-type')).toBe('application/json');
		expect(Number(found.headers.get('content-length'))).toBeGreaterThan(0);
		expect((await call('HEAD', 'membership', 'department/999999/', { token: t })).status).toBe(404);
		expect((await call('HEAD', 'membership', 'department/', { token: t })).status).toBe(200);
		expect((await call('HEAD', 'membership', 'department/', {})).status).toBe(401);
	});

	it('a method the service lacks: 405 {"detail": "Method \\"DELETE\\" not allowed."}', async () => {
		const answer = await call('DELETE', 'membership', 'country/1/', { token: t });
		expect(answer.status).toBe(405);
		expect(answer.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
	});

	it("an unknown path, or an id that is not an integer: Django's HTML 404 page", async () => {
		const unknown = await call('GET', 'membership', 'departmnt/', { token: t });
		expect(unknown.status).toBe(404);
		expect(unknown.text).toContain('<h1>Not Found</h1>');
		expect((await call('GET', 'membership', 'department/abc/', { token: t })).status).toBe(404);
	});

	it('GET without the trailing slash: 301 to the path with it (and a violation)', async () => {
		const answer = await call('GET', 'membership', 'department', { token: t });
		expect(answer.status).toBe(301);
		expect(answer.headers.get('location')).toBe('/membership/department/');
		expect(fake.violations).toEqual([expect.stringContaining('no trailing slash')]);
		fake.violations.length = 0;
	});

	it('a service whose path names the record (address/{address_id}/link/): create, read, update without pk', async () => {
		const [address] = fake.seed('membership', 'address/', [{ name: 'HQ' }]);
		const path = `address/${address.id}/link/`;
		expect((await call('GET', 'membership', path, { token: t })).body.error_code).toBe(
			'membership_address_link_read_001',
		);
		const created = await call('POST', 'membership', path, {
			token: t,
			body: { contra_address_id: 9 },
		});
		expect(created.status).toBe(201);
		const patched = await call('PATCH', 'membership', path, { token: t, body: { notes: 'n' } });
		expect(patched.body.content).toMatchObject({ contra_address_id: 9, notes: 'n' });
		expect(
			(
				await call('POST', 'membership', 'address/424242/link/', {
					token: t,
					body: { contra_address_id: 1 },
				})
			).body.error_code,
		).toBe('membership_address_link_create_001');
	});
});
