import { fakeCredential, runCloudCixFailing } from '../fakes/cloudcix/n8nHost';
import { useCloudCixFake } from '../fakes/cloudcix/jest';
import type { CloudCixFake } from '../fakes/cloudcix/server';
import { rl } from '../helpers/executeContext';

/**
 * Bad input is refused before anything is sent, with an error naming the parameter as n8n shows
 * it: the fake must not receive a single request, not even the login.
 */

let fake: CloudCixFake;
useCloudCixFake((started) => (fake = started));

const department = { application: 'membership', service: rl('department/', 'path') };
const link = { application: 'membership', service: rl('address/{address_id}/link/', 'list') };
const condition = (field: string, lookup: string, value: string, mode = 'search') => ({
	filters: { conditions: [{ mode, field, lookup, value }] },
});

const cases: Array<[string, Record<string, unknown>, string]> = [
	[
		'Create: body JSON that does not parse',
		{ operation: 'create', ...department, jsonBody: '{"name": "Sales",' },
		'Invalid "JSON": it is not valid JSON',
	],
	[
		'Update: body JSON that is an array',
		{ operation: 'update', ...department, id: '1', jsonBody: '[1, 2]' },
		'Invalid "JSON": it must be a JSON object',
	],
	['Read: no ID', { operation: 'read', ...department, id: '' }, 'Invalid "ID": it is empty'],
	[
		'Update: no ID',
		{ operation: 'update', ...department, id: '  ', jsonBody: '{}' },
		'Invalid "ID": it is empty',
	],
	[
		'Partial Update: no ID',
		{ operation: 'partialUpdate', ...department, jsonBody: '{}' },
		'Invalid "ID": it is empty',
	],
	['Delete: no ID', { operation: 'delete', ...department, id: '' }, 'Invalid "ID": it is empty'],
	[
		'a missing URL ID',
		{ operation: 'read', ...link, withoutId: true },
		'Invalid "URL IDs": the service path address/{address_id}/link/ needs a value for address_id: add it as a URL ID',
	],
	[
		'a URL ID the path has no placeholder for',
		{
			operation: 'list',
			...department,
			urlIds: { entry: [{ name: 'address_id', value: '4' }] },
		},
		'Invalid "URL IDs": the service path department/ has no placeholder for address_id',
	],
	[
		'a URL ID without a value',
		{ operation: 'create', ...link, urlIds: { entry: [{ name: 'address_id', value: ' ' }] } },
		'Invalid "URL IDs": address_id has no value',
	],
	[
		'List: a limit over 100',
		{ operation: 'list', ...department, limit: 150 },
		'Invalid "Limit": 150 is above the maximum of 100',
	],
	[
		'List: a page below 0',
		{ operation: 'list', ...department, page: -1 },
		'Invalid "Page": -1 is below the minimum of 0',
	],
	[
		'List: an unknown lookup',
		{ operation: 'list', ...department, ...condition('name', 'between', 'a') },
		'Invalid "Lookup": condition 1 of Filters: "between" is not a lookup CloudCIX knows',
	],
	[
		'Get All: an unknown lookup',
		{ operation: 'getAll', ...department, returnAll: true, ...condition('name', 'like', 'a') },
		'Invalid "Lookup": condition 1 of Filters: "like" is not a lookup CloudCIX knows',
	],
	[
		'a range of three values',
		{ operation: 'list', ...department, ...condition('id', 'range', '1,2,3') },
		'Invalid "Value": condition 1 of Filters: a range takes two values, got 3',
	],
	[
		'Is Null with something else than true/false',
		{ operation: 'list', ...department, ...condition('name', 'isnull', 'maybe') },
		'Invalid "Value": condition 1 of Filters: Is Null takes true or false',
	],
	[
		'a filter without a field',
		{ operation: 'getAll', ...department, returnAll: true, ...condition('', 'exact', 'x') },
		'Invalid "Field": condition 1 of Filters: it is empty',
	],
	[
		'the same condition twice',
		{
			operation: 'list',
			...department,
			filters: {
				conditions: [
					{ mode: 'search', field: 'name', lookup: 'icontains', value: 'a' },
					{ mode: 'search', field: 'name', lookup: 'icontains', value: 'b' },
				],
			},
		},
		'Invalid "Field": condition 2 of Filters: search[name__icontains] is already set by another condition',
	],
	[
		'a field of the wrong type',
		{
			operation: 'create',
			...department,
			specifyBody: 'fields',
			bodyFields: { field: [{ name: 'region_id', type: 'number', value: 'four' }] },
		},
		'Invalid "Fields": field region_id: "four" is not a number',
	],
	[
		'a service given as a URL',
		{
			operation: 'list',
			application: 'membership',
			service: rl('https://evil.example/x/', 'path'),
		},
		'Invalid "Service": "https://evil.example/x/" must be a path below the application',
	],
	[
		'a service path with ..',
		{ operation: 'list', application: 'membership', service: rl('department/../user/', 'path') },
		'Invalid "Service": "department/../user/" has an empty, "." or ".." segment',
	],
	[
		'no service',
		{ operation: 'list', application: 'membership', service: rl('', 'list') },
		'Invalid "Service": it is empty',
	],
	[
		'a custom application name that cannot be a host name',
		{ operation: 'list', application: 'custom', customApplication: 'help desk', service: rl('x/') },
		'Invalid "Application Name": "help desk" is not an application name',
	],
	[
		'a query parameter the node sets itself',
		{
			operation: 'list',
			...department,
			options: { queryParameters: { entry: [{ name: 'limit', value: '500' }] } },
		},
		'Invalid "Query Parameters": limit is set by the node\'s own parameters',
	],
];

it.each(cases)(
	'%s: a clear error naming the parameter, nothing sent',
	async (_name, params, message) => {
		const { error } = await runCloudCixFailing(fake, { params });
		expect(error.message).toContain(message);
		expect(error.description).toMatch(/^Check the parameter "/);
		expect(fake.requests).toEqual([]);
	},
);

it('with several items, the bad one fails before any request of its own, the good ones are sent', async () => {
	const { error } = await runCloudCixFailing(fake, {
		items: [{ json: {} }, { json: {} }],
		params: (i) => ({ operation: 'list', ...department, limit: i === 0 ? 10 : 101 }),
	});
	expect(error.message).toContain('Invalid "Limit": 101 is above the maximum of 100');
	expect(fake.serviceRequests()).toHaveLength(1);
});

describe('the endpoint rule for the API URL', () => {
	it.each([
		[
			'user:password@ in front of the fake',
			() => fake.apiUrl.replace('http://', 'http://admin:pw-0815@'),
			/^The "API URL" of the CloudCIX credential must not contain a user name or password/,
		],
		[
			'plain http:// to another machine',
			() => 'http://api.cloudcix.example/{application}/',
			/^The "API URL" of the CloudCIX credential must use https:\/\/.*api\.cloudcix\.example/,
		],
	])('%s: refused before the login, naming the credential field', async (_what, apiUrl, cause) => {
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'list', ...department },
			credential: fakeCredential(fake, { apiUrl: apiUrl() }),
		});
		expect(error.message).toMatch(cause);
		expect(JSON.stringify(error)).not.toContain('pw-0815');
		expect(fake.requests).toEqual([]);
		expect(fake.logins()).toBe(0);
	});

	it('a token stored from an earlier login is not sent to an API URL edited since', async () => {
		const credential = fakeCredential(fake, {
			token: fake.issueToken(),
			apiUrl: 'http://cix.example.net/{application}/',
		});
		const { error } = await runCloudCixFailing(fake, {
			params: { operation: 'list', ...department },
			credential,
		});
		expect(error.message).toMatch(/^The "API URL" of the CloudCIX credential must use https:\/\//);
		expect(fake.requests).toEqual([]);
	});
});
