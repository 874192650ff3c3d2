import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readBody } from '../../../nodes/CloudCix/actions/body';
import { readFilters } from '../../../nodes/CloudCix/actions/filters';
import { readTarget } from '../../../nodes/CloudCix/actions/target';
import { toCloudCixError } from '../../../nodes/CloudCix/errors';
import { createExecuteContext, rl, type Params } from '../../helpers/executeContext';

const ctxWith = (params: Params) => createExecuteContext({ params }).ctx;
const errorOf = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
};

describe('the service path', () => {
	const target = (service: string, urlIds: Array<[string, string]> = [], application = 'iaas') =>
		readTarget(
			ctxWith({
				application,
				service: rl(service, 'path'),
				urlIds: { entry: urlIds.map(([name, value]) => ({ name, value })) },
			}),
			0,
		);

	it('gets a trailing slash and loses a leading one', () => {
		expect(target('/project')).toEqual({ application: 'iaas', path: 'project/' });
		expect(target('compute/instances/')).toEqual({
			application: 'iaas',
			path: 'compute/instances/',
		});
	});

	it('fills placeholders from URL IDs (braces around the name allowed), each value encoded', () => {
		expect(
			target(
				'address/{address_id}/notification/{transaction_type_id}/',
				[
					['{address_id}', '12'],
					['transaction_type_id', 'a b/c'],
				],
				'membership',
			).path,
		).toBe('address/12/notification/a%20b%2Fc/');
	});

	it('encodes typed segments', () => {
		expect(target('my service/').path).toBe('my%20service/');
	});

	it.each([
		['x/{a-b}/', 'is not a placeholder name'],
		['x/{a/', 'has an unmatched { or }'],
		['x//y/', 'has an empty, "." or ".." segment'],
		['x/?y=1', 'must be a path below the application'],
		['x\\y/', 'must be a path below the application'],
	])('refuses %s', (service, problem) => {
		const error = errorOf(() => target(service));
		expect(error.message).toContain('Invalid "Service"');
		expect(error.message).toContain(problem);
	});

	it('an application given by expression is lower-cased; one that cannot be a host label is refused', () => {
		expect(target('project/', [], 'IAAS').application).toBe('iaas');
		expect(errorOf(() => target('project/', [], 'ia as')).message).toContain(
			'Invalid "Application"',
		);
	});
});

describe('filters', () => {
	const filters = (...rows: Array<Record<string, unknown>>) =>
		readFilters(ctxWith({ filters: { conditions: rows } }), 0);

	it('encodes each lookup as CloudCIX reads it', () => {
		expect(
			filters(
				{ mode: 'search', field: 'name', lookup: 'exact', value: 'A B' },
				{ mode: 'search', field: 'name', lookup: 'icontains', value: 'x' },
				{ mode: 'exclude', field: 'id', lookup: 'in', value: '[1, 2, 3]' },
				{ mode: 'search', field: 'id', lookup: 'range', value: '(5, 9)' },
				{ mode: 'search', field: 'deleted', lookup: 'isnull', value: 'TRUE' },
				{ mode: 'search', field: 'created', lookup: 'year', value: '2026' },
				{ mode: 'exclude', field: 'address__name', lookup: 'istartswith', value: 'z' },
			),
		).toEqual({
			'search[name]': 'A B',
			'search[name__icontains]': 'x',
			'exclude[id__in]': '1,2,3',
			'search[id__range]': '5,9',
			'search[deleted__isnull]': 'true',
			'search[created__year]': '2026',
			'exclude[address__name__istartswith]': 'z',
		});
	});

	it('in takes a single value and a JSON array', () => {
		expect(filters({ mode: 'search', field: 'id', lookup: 'in', value: '7' })).toEqual({
			'search[id__in]': '7',
		});
		expect(filters({ mode: 'search', field: 'id', lookup: 'in', value: '["a", "b"]' })).toEqual({
			'search[id__in]': 'a,b',
		});
	});

	it.each([
		[{ field: 'name', lookup: 'in', value: '["a,b"]' }, 'Invalid "Value"', 'contain a comma'],
		[{ field: 'name', lookup: 'in', value: '' }, 'Invalid "Value"', 'at least one value'],
		[{ field: 'created', lookup: 'month', value: 'May' }, 'Invalid "Value"', 'whole number'],
		[{ field: 'na me', lookup: 'exact', value: 'x' }, 'Invalid "Field"', 'is not a field name'],
		[
			{ field: 'search[name]', lookup: 'exact', value: 'x' },
			'Invalid "Field"',
			'is not a field name',
		],
		[
			{ mode: 'filter', field: 'name', lookup: 'exact', value: 'x' },
			'Invalid "Keep or Drop"',
			'neither search nor exclude',
		],
	])('refuses %j', (row, label, problem) => {
		const error = errorOf(() => filters({ mode: 'search', ...row }));
		expect(error.message).toContain(label);
		expect(error.message).toContain('condition 1 of Filters');
		expect(error.message).toContain(problem);
	});
});

describe('the body', () => {
	const body = (params: Params) => readBody(ctxWith(params), 0);

	it('JSON as text or as an object from an expression', () => {
		expect(body({ specifyBody: 'json', jsonBody: '{"a": 1}' })).toEqual({ a: 1 });
		expect(body({ specifyBody: 'json', jsonBody: { a: [1] } })).toEqual({ a: [1] });
		expect(body({ specifyBody: 'json', jsonBody: '  ' })).toEqual({});
	});

	it('fields with their types; a value an expression made typed stays as it is', () => {
		expect(
			body({
				specifyBody: 'fields',
				bodyFields: {
					field: [
						{ name: 'name', type: 'string', value: '007' },
						{ name: 'count', type: 'number', value: '-1.5' },
						{ name: 'on', type: 'boolean', value: 'True' },
						{ name: 'tags', type: 'json', value: '["a"]' },
						{ name: 'parent', type: 'json', value: 'null' },
						{ name: 'size', type: 'number', value: 12 },
					],
				},
			}),
		).toEqual({ name: '007', count: -1.5, on: true, tags: ['a'], parent: null, size: 12 });
	});

	it.each([
		[{ specifyBody: 'json', jsonBody: '"text"' }, 'Invalid "JSON": it must be a JSON object'],
		[
			{ specifyBody: 'fields', bodyFields: { field: [{ name: '', type: 'string', value: 'x' }] } },
			'Invalid "Fields": a field has no name',
		],
		[
			{
				specifyBody: 'fields',
				bodyFields: {
					field: [
						{ name: 'a', type: 'string' },
						{ name: 'a', type: 'string' },
					],
				},
			},
			'Invalid "Fields": field a is given twice',
		],
		[
			{
				specifyBody: 'fields',
				bodyFields: { field: [{ name: 'on', type: 'boolean', value: 'yes' }] },
			},
			'Invalid "Fields": field on: "yes" is not true or false',
		],
		[
			{ specifyBody: 'fields', bodyFields: { field: [{ name: 'x', type: 'json', value: '{' }] } },
			'Invalid "Fields": field x: the value is not JSON',
		],
	])('refuses %j', (params, message) => {
		expect(errorOf(() => body(params)).message).toContain(message);
	});
});

describe('CloudCIX error bodies', () => {
	const node = createExecuteContext({ params: {} }).ctx.getNode();
	const apiError = (
		status: number,
		body: unknown,
		description = 'The hint. Gave up after 3 attempts in 1.2s.',
	) => {
		const error = new NodeApiError(node, { message: 'x', httpCode: String(status) } as never, {
			message: 'x',
			description,
			httpCode: String(status),
		});
		error.context.providerBody = body as never;
		return toCloudCixError(error, {
			request: 'GET https://x/y/',
			notFoundHint: 'Check "ID".',
		}) as NodeApiError;
	};

	it('a code and its detail', () => {
		const error = apiError(409, { error_code: 'iaas_project_update_002', detail: 'Busy.' });
		expect(error.message).toBe('CloudCIX returned HTTP 409 (iaas_project_update_002): Busy.');
		expect(error.description).toBe(
			'The record is in a state that does not allow this change. Gave up after 3 attempts in 1.2s. Request: GET https://x/y/',
		);
	});

	it('per-field errors, each named, from JSON text too', () => {
		const error = apiError(
			400,
			JSON.stringify({
				errors: {
					a: { error_code: 'c_1', detail: 'Bad a.' },
					b: { error_code: 'c_2', detail: 'Bad b.' },
				},
				detail: 'Bad request.',
			}),
		);
		expect(error.message).toBe(
			'CloudCIX rejected the request (HTTP 400): a: Bad a. (c_1); b: Bad b. (c_2)',
		);
		expect(error.description).toContain('Fields CloudCIX rejected: a, b.');
	});

	it('DRF detail only; 404 names what to check; 401 says n8n logged in again', () => {
		expect(
			apiError(401, { detail: 'JWT token is expired. Please login again.' }).description,
		).toContain('n8n logged in again and retried once');
		const notFound = apiError(404, '<h1>Not Found</h1>');
		expect(notFound.message).toBe('CloudCIX has no such service or record (HTTP 404)');
		expect(notFound.description).toContain('Check "ID".');
		expect(apiError(502, 'Bad gateway').message).toBe('CloudCIX returned HTTP 502');
	});

	it('failures without a status (network, a refused login) stay as they are', () => {
		const error = new NodeApiError(node, { message: 'socket hang up' } as never, {
			message: 'socket hang up',
		});
		expect(toCloudCixError(error, { request: 'r', notFoundHint: 'h' })).toBe(error);
		expect((error as NodeApiError).message).toBe('socket hang up');
		const plain = new Error('plain');
		expect(toCloudCixError(plain, { request: 'r', notFoundHint: 'h' })).toBe(plain);
	});
});
