/**
 * What the DNS node sends to Designate, against a stand-in Designate behind the stand-in
 * Keystone: paths below the catalog's dns root with /v2, the Create or Update decisions
 * (POST, PUT, nothing, PUT after a 409), paging, and bad input refused before any request.
 */
import type { ServerResponse } from 'http';

import { OpenStackDns } from '../../../nodes/OpenStackDns/OpenStackDns.node';
import { rl } from '../../helpers/executeContext';
import { credentialStore, runNode, runNodeFailing } from '../../helpers/openstack/context';
import { FakeKeystone, sendJson, type ServiceCall } from '../../helpers/openstack/fakeKeystone';

const node = new OpenStackDns();
const ZONE = { id: '2150b1bf-dee2-4221-9d85-11f7886fb15f', name: 'example.com.', status: 'ACTIVE' };
const recordSet = (id: string, records: string[], extra: Record<string, unknown> = {}) => ({
	id,
	zone_id: ZONE.id,
	zone_name: ZONE.name,
	name: 'app.example.com.',
	type: 'A',
	records,
	ttl: null,
	status: 'PENDING',
	created_at: '2026-12-02T08:39:14.000000',
	...extra,
});

describe('OpenStack DNS node requests', () => {
	let keystone: FakeKeystone;
	let handle: (call: ServiceCall, res: ServerResponse) => void;
	const calls = () =>
		keystone.serviceCalls.map(
			(call) => `${call.method} ${call.path}${call.query.size ? `?${call.query.toString()}` : ''}`,
		);
	const bodies = () => keystone.serviceCalls.filter((c) => c.body).map((c) => JSON.parse(c.body));

	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
		keystone.service = (call, res) => handle(call, res);
	});
	afterAll(async () => await keystone.stop());
	beforeEach(() => {
		keystone.serviceCalls = [];
	});

	const run = async (params: Record<string, unknown>) =>
		(await runNode(node, credentialStore(keystone.credential()), { params })).json;

	/** A Designate that knows ZONE and answers the record set calls with `recordSets`. */
	function designate(recordSets: Array<ReturnType<typeof recordSet>>, postStatus = 202) {
		handle = (call, res) => {
			if (call.path === '/svc/dns/v2/zones' && call.method === 'GET')
				return sendJson(res, 200, { zones: call.query.get('name') === ZONE.name ? [ZONE] : [] });
			const base = `/svc/dns/v2/zones/${ZONE.id}/recordsets`;
			if (call.path === base && call.method === 'GET')
				return sendJson(res, 200, { recordsets: recordSets });
			if (call.path === base && call.method === 'POST') {
				if (postStatus === 409)
					return sendJson(res, 409, {
						code: 409,
						type: 'duplicate_recordset',
						message: 'Duplicate RecordSet',
					});
				return sendJson(res, 202, recordSet('new-id', JSON.parse(call.body).records));
			}
			if (call.path.startsWith(`${base}/`) && call.method === 'PUT')
				return sendJson(
					res,
					202,
					recordSet(call.path.split('/').pop()!, JSON.parse(call.body).records),
				);
			sendJson(res, 404, { code: 404, type: 'not_found', message: 'Not found' });
		};
	}

	const upsert = (records: string, options: Record<string, unknown> = {}) =>
		run({
			resource: 'recordSet',
			operation: 'upsert',
			zone: rl('example.com'),
			name: 'app',
			type: 'A',
			records,
			waitUntilActive: false,
			options,
		});

	it('creates a missing record set below the dns root with /v2, with ISO 8601 times', async () => {
		designate([]);
		const [result] = await upsert('192.0.2.1');
		expect(calls()).toEqual([
			'GET /svc/dns/v2/zones?name=example.com.',
			`GET /svc/dns/v2/zones/${ZONE.id}/recordsets?name=app.example.com.&type=A`,
			`POST /svc/dns/v2/zones/${ZONE.id}/recordsets`,
		]);
		expect(bodies()).toEqual([{ name: 'app.example.com.', type: 'A', records: ['192.0.2.1'] }]);
		expect(result).toMatchObject({
			change: 'created',
			id: 'new-id',
			createdAt: '2026-12-02T08:39:14.000Z',
		});
	});

	it('replaces different records, leaves equal ones alone (order and case do not matter)', async () => {
		designate([recordSet('rs-1', ['192.0.2.1'])]);
		const [updated] = await upsert('192.0.2.2', { ttl: 60 });
		expect(updated).toMatchObject({ change: 'updated', id: 'rs-1' });
		expect(calls().pop()).toBe(`PUT /svc/dns/v2/zones/${ZONE.id}/recordsets/rs-1`);
		expect(bodies()).toEqual([{ records: ['192.0.2.2'], ttl: 60 }]);

		keystone.serviceCalls = [];
		designate([recordSet('rs-1', ['192.0.2.2', '192.0.2.1'], { ttl: 60 })]);
		const [same] = await upsert('192.0.2.1\n192.0.2.2', { ttl: 60 });
		expect(same).toMatchObject({ change: 'unchanged', id: 'rs-1' });
		expect(keystone.serviceCalls.map((c) => c.method)).toEqual(['GET', 'GET']);

		keystone.serviceCalls = [];
		const [ttlChanged] = await upsert('192.0.2.1\n192.0.2.2', { ttl: 120 });
		expect(ttlChanged).toMatchObject({ change: 'updated' });
	});

	it('ignores a wildcard record set the name filter also matches', async () => {
		designate([recordSet('wild', ['192.0.2.9'], { name: '*.example.com.' })]);
		const [result] = await upsert('192.0.2.1');
		expect(result).toMatchObject({ change: 'created' });
	});

	it('replaces the records of a record set created meanwhile (409 on create)', async () => {
		let lookups = 0;
		designate([], 409);
		const inner = handle;
		handle = (call, res) => {
			if (call.method === 'GET' && call.path.endsWith('/recordsets') && lookups++ > 0)
				return sendJson(res, 200, { recordsets: [recordSet('raced', ['192.0.2.7'])] });
			inner(call, res);
		};
		const [result] = await upsert('192.0.2.1');
		expect(result).toMatchObject({ change: 'updated', id: 'raced' });
		expect(keystone.serviceCalls.map((c) => c.method)).toEqual([
			'GET',
			'GET',
			'POST',
			'GET',
			'PUT',
		]);
	});

	it('refuses bad records and TTLs before any request', async () => {
		designate([]);
		for (const [overrides, message] of [
			[{ records: 'not-an-ip' }, /^Invalid "Records": "not-an-ip" is not a valid A record/],
			[
				{ options: { ttl: 2147483648 } },
				/^Invalid "TTL \(Seconds\)": 2147483648 is above the maximum/,
			],
			[
				{ options: { description: 'd'.repeat(161) } },
				/^Invalid "Description": it is 161 characters long/,
			],
			[{ type: 'SPF' }, /^Invalid "Type": "SPF" is not one of/],
		] as Array<[Record<string, unknown>, RegExp]>) {
			const params: Record<string, unknown> = {
				resource: 'recordSet',
				operation: 'create',
				zone: rl('example.com'),
				name: 'app',
				type: 'A',
				records: '192.0.2.1',
				options: {},
			};
			const error = await runNodeFailing(node, credentialStore(keystone.credential()), {
				params: { ...params, ...overrides },
			});
			expect(error.message).toMatch(message);
		}
		expect(keystone.serviceCalls).toEqual([]);
	});

	it('follows the pages of a list up to the limit', async () => {
		const zones = Array.from({ length: 7 }, (_, i) => ({
			...ZONE,
			id: `zone-${i}`,
			name: `z${i}.example.com.`,
		}));
		handle = (call, res) => {
			const marker = call.query.get('marker');
			const size = Number(call.query.get('limit'));
			const start = marker ? zones.findIndex((z) => z.id === marker) + 1 : 0;
			const page = zones.slice(start, start + Math.min(size, 3));
			sendJson(res, 200, {
				zones: page,
				links: start + page.length < zones.length ? { self: 'x', next: 'more' } : { self: 'x' },
			});
		};
		expect(
			(await run({ resource: 'zone', operation: 'list', returnAll: true, filters: {} })).length,
		).toBe(7);
		expect(calls()).toEqual([
			'GET /svc/dns/v2/zones?limit=500',
			'GET /svc/dns/v2/zones?limit=500&marker=zone-2',
			'GET /svc/dns/v2/zones?limit=500&marker=zone-5',
		]);
		keystone.serviceCalls = [];
		const limited = await run({
			resource: 'zone',
			operation: 'list',
			returnAll: false,
			limit: 4,
			filters: {},
		});
		expect(limited.map((z) => z.id)).toEqual(['zone-0', 'zone-1', 'zone-2', 'zone-3']);
	});

	it('explains Designate schema refusals with the failing field', async () => {
		handle = (_call, res) =>
			sendJson(res, 400, {
				code: 400,
				type: 'invalid_object',
				errors: { errors: [{ path: ['records', 0], message: "'x' is not a 'A' Record" }] },
			});
		const error = await runNodeFailing(node, credentialStore(keystone.credential()), {
			params: { resource: 'zone', operation: 'get', zone: rl(ZONE.id, 'id') },
		});
		expect(error.message).toBe(
			"OpenStack DNS (Designate) returned HTTP 400: records.0: 'x' is not a 'A' Record",
		);
	});
});
