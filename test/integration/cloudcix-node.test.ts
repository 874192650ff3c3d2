import { fakeCredential, runCloudCix, runCloudCixFailing } from '../fakes/cloudcix/n8nHost';
import { useCloudCixFake } from '../fakes/cloudcix/jest';
import type { CloudCixFake } from '../fakes/cloudcix/server';
import { sampleProjects } from '../fakes/cloudcix/services';
import { rl } from '../helpers/executeContext';

/**
 * Every verb of the CloudCIX node against the CloudCIX fake, through an n8n-like host that logs
 * in with the credential's preAuthentication (see test/fakes/cloudcix/n8nHost.ts).
 */

let fake: CloudCixFake;
useCloudCixFake((started) => (fake = started));

const service = (path: string, mode = 'path') => rl(path, mode);
const membership = (path: string) => ({ application: 'membership', service: service(path) });
const iaas = { application: 'iaas', service: service('project/') };
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { i } }));
const seedProjects = (count: number) => fake.seed('iaas', 'project/', sampleProjects(count));
const projectNames = (count: number) => sampleProjects(count).map((project) => project.name);

describe('verbs', () => {
	it('Create (JSON): POST, 201, the record without its content envelope', async () => {
		const run = await runCloudCix(fake, {
			params: { operation: 'create', ...membership('department/'), jsonBody: '{"name": "Sales"}' },
		});
		expect(run.json).toEqual([expect.objectContaining({ name: 'Sales', id: expect.any(Number) })]);
		expect(run.json[0]).not.toHaveProperty('content');
		const request = fake.serviceRequests()[0];
		expect([request.method, request.path, request.status, request.body]).toEqual([
			'POST',
			'department/',
			201,
			{ name: 'Sales' },
		]);
		expect(fake.records('membership', 'department/')).toHaveLength(1);
	});

	it('Create (fields): each field with its type', async () => {
		const run = await runCloudCix(fake, {
			params: {
				operation: 'create',
				...iaas,
				specifyBody: 'fields',
				bodyFields: {
					field: [
						{ name: 'name', type: 'string', value: 'web' },
						{ name: 'region_id', type: 'number', value: '4' },
						{ name: 'archived', type: 'boolean', value: 'false' },
					],
				},
			},
		});
		expect(run.json[0]).toMatchObject({ name: 'web', region_id: 4, archived: false });
		expect(fake.serviceRequests()[0].body).toEqual({ name: 'web', region_id: 4, archived: false });
	});

	it('Read: GET {service}{id}/', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Ops' }]);
		const run = await runCloudCix(fake, {
			params: { operation: 'read', ...membership('department/'), id: String(department.id) },
		});
		expect(run.json).toEqual([expect.objectContaining({ id: department.id, name: 'Ops' })]);
		expect(fake.serviceRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET department/${department.id}/`,
		]);
	});

	it('Update: PUT with every field', async () => {
		const [project] = fake.seed('iaas', 'project/', [{ name: 'a', region_id: 1, note: 'old' }]);
		const run = await runCloudCix(fake, {
			params: {
				operation: 'update',
				...iaas,
				id: String(project.id),
				jsonBody: { name: 'b', region_id: 2 },
			},
		});
		expect(run.json[0]).toMatchObject({ name: 'b', region_id: 2, note: '' });
		expect(fake.serviceRequests()[0].method).toBe('PUT');
	});

	it('Partial Update: PATCH with only the given fields; the others stay', async () => {
		const [project] = fake.seed('iaas', 'project/', [{ name: 'a', region_id: 1, note: 'keep' }]);
		const run = await runCloudCix(fake, {
			params: {
				operation: 'partialUpdate',
				...iaas,
				id: String(project.id),
				specifyBody: 'fields',
				bodyFields: { field: [{ name: 'name', type: 'string', value: 'renamed' }] },
			},
		});
		expect(run.json[0]).toMatchObject({ name: 'renamed', region_id: 1, note: 'keep' });
		const request = fake.serviceRequests()[0];
		expect([request.method, request.body]).toEqual(['PATCH', { name: 'renamed' }]);
	});

	it('Delete: 204, one item saying so', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Gone' }]);
		const run = await runCloudCix(fake, {
			params: { operation: 'delete', ...membership('department/'), id: String(department.id) },
		});
		expect(run.json).toEqual([{ id: String(department.id), deleted: true }]);
		expect(fake.records('membership', 'department/')).toEqual([]);
		expect(fake.serviceRequests()[0].status).toBe(204);
	});

	it('Head: exists or not, with the headers; a 404 is an answer, not an error', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Here' }]);
		const run = await runCloudCix(fake, {
			items: items(3),
			params: (i) => ({
				operation: 'head',
				...membership('department/'),
				id: ['', String(department.id), '99999'][i],
			}),
		});
		expect(run.json.map((item) => [item.id, item.exists, item.statusCode])).toEqual([
			[null, true, 200],
			[String(department.id), true, 200],
			['99999', false, 404],
		]);
		expect(run.json[1].headers).toMatchObject({ 'content-type': 'application/json' });
		expect(fake.serviceRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'HEAD department/',
			`HEAD department/${department.id}/`,
			'HEAD department/99999/',
		]);
	});

	it('List: one page with page, limit and order; one item per record', async () => {
		seedProjects(30);
		const run = await runCloudCix(fake, {
			params: { operation: 'list', ...iaas, page: 1, limit: 10, order: '-name' },
		});
		expect(run.json.map((p) => p.name)).toEqual(projectNames(30).reverse().slice(10, 20));
		expect(run.json[0]).not.toHaveProperty('_metadata');
		const params = fake.serviceRequests()[0].params;
		expect([params.get('page'), params.get('limit'), params.get('order')]).toEqual([
			'1',
			'10',
			'-name',
		]);
	});

	it('List with "Include Page Metadata": every record carries _metadata', async () => {
		fake.seed('iaas', 'project/', [
			{ name: 'a', region_id: 1 },
			{ name: 'b', region_id: 1 },
		]);
		const run = await runCloudCix(fake, {
			params: { operation: 'list', ...iaas, options: { includeMetadata: true } },
		});
		expect(run.json[1]._metadata).toEqual({
			page: 0,
			limit: 50,
			order: 'name',
			total_records: 2,
			warnings: [],
		});
	});

	it('Get All, Return All: pages of 100 from page 0 until total_records, one item per record', async () => {
		seedProjects(250);
		const run = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: true },
		});
		expect(run.json).toHaveLength(250);
		expect(new Set(run.json.map((p) => p.id)).size).toBe(250);
		expect(
			fake.serviceRequests().map((r) => [r.params.get('page'), r.params.get('limit')]),
		).toEqual([
			['0', '100'],
			['1', '100'],
			['2', '100'],
		]);
	});

	it('Get All stops at total_records exactly (200 records: 2 pages, no empty third)', async () => {
		seedProjects(200);
		const run = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: true },
		});
		expect(run.json).toHaveLength(200);
		expect(fake.serviceRequests()).toHaveLength(2);
	});

	it('Get All with a Limit: as few pages as the limit needs', async () => {
		seedProjects(250);
		const small = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: false, limit: 30 },
		});
		expect(small.json).toHaveLength(30);
		expect(fake.serviceRequests().map((r) => r.params.get('limit'))).toEqual(['30']);
		fake.requests.length = 0;
		const large = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: false, limit: 150 },
		});
		expect(large.json.map((p) => p.name)).toEqual(projectNames(150));
		expect(fake.serviceRequests()).toHaveLength(2);
	});

	it('Get All of an empty service: no items, one request', async () => {
		const run = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: true },
		});
		expect(run.json).toEqual([]);
		expect(fake.serviceRequests()).toHaveLength(1);
	});

	it('URL IDs fill the service path; "Without ID" addresses the path itself (address/{address_id}/link/)', async () => {
		const [address] = fake.seed('membership', 'address/', [{ name: 'HQ' }]);
		const base = {
			application: 'membership',
			service: service('address/{address_id}/link/', 'list'),
			urlIds: { entry: [{ name: 'address_id', value: String(address.id) }] },
		};
		const created = await runCloudCix(fake, {
			params: { ...base, operation: 'create', jsonBody: { contra_address_id: 7 } },
		});
		expect(created.json[0]).toMatchObject({ contra_address_id: 7 });
		const read = await runCloudCix(fake, {
			params: { ...base, operation: 'read', withoutId: true },
		});
		expect(read.json[0]).toMatchObject({ contra_address_id: 7 });
		expect(fake.serviceRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST address/${address.id}/link/`,
			`GET address/${address.id}/link/`,
		]);
	});

	it('a custom application, by name', async () => {
		fake.addService({
			application: 'helpdesk',
			path: 'ticket/',
			errorPrefix: 'helpdesk_ticket',
			shape: 'collection',
			methods: ['list'],
			fields: {},
			allowedOrdering: ['id'],
			searchFields: {},
		});
		fake.seed('helpdesk', 'ticket/', [{ subject: 'Printer' }]);
		const run = await runCloudCix(fake, {
			params: {
				operation: 'list',
				application: 'custom',
				customApplication: 'HelpDesk',
				service: service('ticket/'),
			},
		});
		expect(run.json[0]).toMatchObject({ subject: 'Printer' });
		expect(fake.serviceRequests()[0].application).toBe('helpdesk');
	});
});

describe('filters', () => {
	beforeEach(() => {
		fake.seed('iaas', 'project/', [
			{ name: 'Alpha', region_id: 1, archived: false },
			{ name: 'alpine', region_id: 2, archived: true },
			{ name: 'Beta', region_id: 3, archived: false },
			{ name: 'Gamma', region_id: 4, archived: false },
		]);
	});
	const conditions = (...rows: Array<[string, string, string, string]>) => ({
		conditions: rows.map(([mode, field, lookup, value]) => ({ mode, field, lookup, value })),
	});

	it('search and exclude rows become search[field__lookup] / exclude[...] (exact: the bare field)', async () => {
		const run = await runCloudCix(fake, {
			params: {
				operation: 'getAll',
				...iaas,
				returnAll: true,
				filters: conditions(
					['search', 'name', 'icontains', 'a'],
					['search', 'archived', 'exact', 'false'],
					['exclude', 'region_id', 'in', '1, 3'],
				),
			},
		});
		expect(run.json.map((p) => p.name)).toEqual(['Gamma']);
		const params = fake.serviceRequests()[0].params;
		expect(
			Object.fromEntries([...params].filter(([key]) => /^(search|exclude)\[/.test(key))),
		).toEqual({
			'search[name__icontains]': 'a',
			'search[archived]': 'false',
			'exclude[region_id__in]': '1,3',
		});
		expect(run.json[0]).not.toHaveProperty('_warnings');
		expect(run.hints).toEqual([]);
	});

	it('range takes two values, isnull true/false', async () => {
		const run = await runCloudCix(fake, {
			params: {
				operation: 'list',
				...iaas,
				filters: conditions(
					['search', 'region_id', 'range', '[2, 3]'],
					['search', 'region_id', 'isnull', 'False'],
				),
			},
		});
		expect(run.json.map((p) => p.name)).toEqual(['alpine', 'Beta']);
		expect(fake.serviceRequests()[0].params.get('search[region_id__range]')).toBe('2,3');
		expect(fake.serviceRequests()[0].params.get('search[region_id__isnull]')).toBe('false');
	});

	it("CloudCIX's warnings for a skipped filter: on every record (_warnings) and as an output-pane hint", async () => {
		const run = await runCloudCix(fake, {
			items: items(2),
			params: {
				operation: 'list',
				...iaas,
				filters: conditions(
					['search', 'colour', 'exact', 'red'],
					['search', 'name', 'istartswith', 'a'],
				),
			},
		});
		const warning =
			'SearchFilterWarning: colour is an invalid filter for this list method and was skipped.';
		expect(run.json.map((p) => p.name)).toEqual(['Alpha', 'alpine', 'Alpha', 'alpine']);
		expect(run.json.every((p) => JSON.stringify(p._warnings) === JSON.stringify([warning]))).toBe(
			true,
		);
		expect(run.hints).toEqual([
			{ message: `CloudCIX: ${warning}`, type: 'warning', location: 'outputPane' },
		]);
	});

	it('Get All puts the warnings of the listing on every record of every page', async () => {
		fake.seed(
			'iaas',
			'project/',
			Array.from({ length: 150 }, (_, i) => ({ name: `x${i}`, region_id: 9 })),
		);
		const run = await runCloudCix(fake, {
			params: {
				operation: 'getAll',
				...iaas,
				returnAll: true,
				filters: conditions(['exclude', 'nme', 'exact', 'x']),
			},
		});
		expect(run.json).toHaveLength(154);
		expect(new Set(run.json.map((p) => JSON.stringify(p._warnings)))).toEqual(
			new Set([
				JSON.stringify([
					'ExcludeFilterWarning: nme is an invalid filter for this list method and was skipped.',
				]),
			]),
		);
	});

	it('"Stop on Filter Warnings" fails instead, naming the filters and the warning', async () => {
		const { error } = await runCloudCixFailing(fake, {
			params: {
				operation: 'getAll',
				...iaas,
				returnAll: true,
				filters: conditions(['search', 'name', 'contains', 'a']),
				options: { failOnWarnings: true },
			},
		});
		expect(error.message).toBe(
			'CloudCIX skipped filters: SearchFilterWarning: name__contains is an invalid filter for this list method as the specified operator is invalid for the name, and was skipped.',
		);
		expect(error.description).toContain('"Filters"');
	});
});

describe('errors carry CloudCIX error codes and details', () => {
	it('validation: each rejected field named with its code and detail', async () => {
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'create', ...iaas, jsonBody: { region_id: 'one' } },
		});
		expect(error.message).toBe(
			'CloudCIX rejected the request (HTTP 400): name: The "name" parameter is invalid. "name" is required and must be a string. (iaas_project_create_101); region_id: The "region_id" parameter is invalid. "region_id" is required and must be an integer. (iaas_project_create_111)',
		);
		expect(error.description).toContain('Fields CloudCIX rejected: name, region_id.');
		expect(error.httpCode).toBe('400');
	});

	it('404 with error_code: the code, the detail, and what to check', async () => {
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'read', ...membership('department/'), id: '404404' },
		});
		expect(error.message).toBe(
			'CloudCIX returned HTTP 404 (membership_department_read_001): The "pk" path parameter is invalid. "pk" must belong to a valid record.',
		);
		expect(error.description).toContain(
			'Check the "ID", and the "Application", "Service" and "URL IDs".',
		);
		expect(error.description).toContain(`GET ${fake.origin}/membership/department/404404/`);
	});

	it('an unknown service path (Django HTML 404) is said plainly', async () => {
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'list', ...membership('departmnt/') },
		});
		expect(error.message).toBe('CloudCIX has no such service or record (HTTP 404)');
		expect(error.description).toContain('/membership/departmnt/');
	});

	it('405 and 403 carry the detail', async () => {
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'delete', ...membership('country/'), id: '1' },
		});
		expect(error.message).toBe('CloudCIX returned HTTP 405: Method "DELETE" not allowed.');
		const user = fake.addUser({
			email: 'old@example.com',
			password: 'pw-expired',
			memberApiKey: 'k2',
			expired: true,
		});
		const expired = await runCloudCixFailing(fake, {
			credential: fakeCredential(fake, {
				email: user.email,
				password: user.password,
				apiKey: user.memberApiKey,
			}),
			params: { operation: 'list', ...membership('country/') },
		});
		expect(expired.error.message).toBe(
			'CloudCIX returned HTTP 403: User is expired. Cannot log in.',
		);
		expect(expired.error.description).toContain("extend the user's expiry date");
	});

	it('with Continue On Fail, a failed item becomes an error item and the others go on', async () => {
		const [department] = fake.seed('membership', 'department/', [{ name: 'Ok' }]);
		const run = await runCloudCix(fake, {
			items: items(2),
			continueOnFail: true,
			params: (i) => ({
				operation: 'read',
				...membership('department/'),
				id: i === 0 ? '777777' : String(department.id),
			}),
		});
		expect(run.json[0].error).toContain('membership_department_read_001');
		expect(run.json[1]).toMatchObject({ name: 'Ok' });
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('the login token', () => {
	it('one login for many items, stored in the credential with when to renew it', async () => {
		fake.seed('membership', 'department/', [{ name: 'A' }]);
		const run = await runCloudCix(fake, {
			items: items(20),
			params: { operation: 'list', ...membership('department/') },
		});
		expect(run.json).toHaveLength(20);
		expect(fake.logins()).toBe(1);
		expect(fake.serviceRequests()).toHaveLength(20);
		expect(new Set(fake.serviceRequests().map((r) => r.token)).size).toBe(1);
		expect(run.store.data.token).toBe(fake.serviceRequests()[0].token);
		const renewAt = Date.parse(String(run.store.data.sessionRenewAfter));
		// a 2 h token renewed 5 min early: 115 min, give or take the Date header's whole seconds
		const exp = JSON.parse(
			Buffer.from(String(run.store.data.token).split('.')[1], 'base64url').toString(),
		).exp;
		expect(Math.abs(renewAt - (exp * 1000 - 5 * 60_000))).toBeLessThanOrEqual(2000);
	});

	it('a stored token still valid is used as it is: no login', async () => {
		fake.seed('membership', 'department/', [{ name: 'A' }]);
		const first = await runCloudCix(fake, {
			params: { operation: 'list', ...membership('department/') },
		});
		const second = await runCloudCix(fake, {
			credential: first.store.data,
			params: { operation: 'list', ...membership('department/') },
		});
		expect(second.json).toHaveLength(1);
		expect(fake.logins()).toBe(1);
	});

	it('a token that expires mid-run: the 401 makes n8n log in once more and resend; the run does not fail', async () => {
		seedProjects(250);
		fake.expireTokensAfter(2);
		const run = await runCloudCix(fake, {
			params: { operation: 'getAll', ...iaas, returnAll: true },
		});
		expect(run.json).toHaveLength(250);
		expect(fake.logins()).toBe(2);
		expect(fake.serviceRequests().map((r) => [r.params.get('page'), r.status])).toEqual([
			['0', 200],
			['1', 200],
			['2', 401],
			['2', 200],
		]);
		expect(run.store.data.token).toBe(fake.serviceRequests()[3].token);
	});

	it('a token about to run out is renewed before the request, never sent', async () => {
		fake.seed('membership', 'department/', [{ name: 'A' }]);
		const first = await runCloudCix(fake, {
			params: { operation: 'list', ...membership('department/') },
		});
		const old = first.store.data.token;
		const due = {
			...first.store.data,
			sessionRenewAfter: new Date(Date.now() - 1000).toISOString(),
		};
		fake.advanceClock(60); // a token issued later differs (RS256 signatures are deterministic)
		const second = await runCloudCix(fake, {
			items: items(3),
			credential: due,
			params: { operation: 'list', ...membership('department/') },
		});
		expect(second.json).toHaveLength(3);
		expect(fake.logins()).toBe(2);
		const tokens = fake
			.serviceRequests()
			.slice(1)
			.map((r) => r.token);
		expect(tokens).not.toContain(old);
		expect(new Set(tokens).size).toBe(1);
		expect(fake.serviceRequests().every((r) => r.status === 200)).toBe(true);
	});

	it('a token issued for another e-mail, key or URL is replaced before use', async () => {
		fake.seed('membership', 'department/', [{ name: 'A' }]);
		const other = fake.addUser({
			email: 'two@example.com',
			password: 'pw-second-user',
			memberApiKey: 'k-two',
		});
		const first = await runCloudCix(fake, {
			params: { operation: 'list', ...membership('department/') },
		});
		const changed = {
			...first.store.data,
			email: other.email,
			password: other.password,
			apiKey: other.memberApiKey,
		};
		await runCloudCix(fake, {
			credential: changed,
			params: { operation: 'list', ...membership('department/') },
		});
		expect(fake.logins()).toBe(2);
		const [, second] = fake.serviceRequests();
		expect(second.token).not.toBe(first.store.data.token);
		const uid = JSON.parse(Buffer.from(second.token!.split('.')[1], 'base64url').toString()).uid;
		expect(uid).toBe(other.id);
	});

	it.each([
		[
			'a wrong password',
			{ password: 'wrong-password-123' },
			'CloudCIX refused the login (membership_token_create_002): The sent email and password combination is invalid. Please check both and try again.',
			'Check the E-mail and Password of the CloudCIX credential.',
		],
		[
			"a user not in the API key's member",
			{ apiKey: 'not-my-member' },
			'CloudCIX refused the login (membership_token_create_003): The sent "api_key" is invalid. The authenticating User does not belong to a Member with that "api_key"',
			'Check the API Key',
		],
	])(
		'a refused login (%s): CloudCIX code and message, no retry, no service request',
		async (_case, change, message, hint) => {
			const { error } = await runCloudCixFailing(fake, {
				credential: fakeCredential(fake, change),
				params: { operation: 'list', ...membership('department/') },
			});
			expect(error.message).toBe(message);
			expect(error.description).toContain(hint);
			expect(fake.requests).toHaveLength(1);
			expect(fake.serviceRequests()).toEqual([]);
			expect(JSON.stringify(error)).not.toContain('wrong-password-123');
		},
	);

	it('no token, password or API key in errors or outputs', async () => {
		const run = await runCloudCix(fake, {
			items: items(2),
			continueOnFail: true,
			params: (i) => ({
				operation: 'read',
				...membership('department/'),
				id: i === 0 ? '1234' : 'x',
			}),
		});
		const text = JSON.stringify(run.json);
		for (const secret of [run.store.data.token, fake.user.password, fake.user.memberApiKey])
			expect(text).not.toContain(String(secret));
	});
});
