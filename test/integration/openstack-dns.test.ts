/**
 * The OpenStack DNS node against a real Designate (Zed, fake backend with a pool served by
 * designate-mdns; test/servers/openstack): every operation of zones and record sets, the
 * Create or Update of a name + type, the pickers, waits until ACTIVE and until gone, and bad
 * input refused with an error naming the parameter while the server shows nothing created.
 * Zone names are global in Designate: each run uses its own.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { OpenStackDns } from '../../nodes/OpenStackDns/OpenStackDns.node';
import { openStackRequest } from '../../nodes/shared/openstack/request';
import { rl } from '../helpers/executeContext';
import {
	credentialStore,
	openStackContext,
	runNode,
	runNodeFailing,
} from '../helpers/openstack/context';
import { memberAppCredential, unique } from '../helpers/openstack/servers';

jest.setTimeout(300_000);

const node = new OpenStackDns();
const store = credentialStore(memberAppCredential());
const run = async (params: IDataObject, items?: IDataObject[]) =>
	(
		await runNode(node, store, {
			params,
			items: items?.map((json) => ({ json })),
		})
	).json;
const fails = async (params: IDataObject) => await runNodeFailing(node, store, { params });

/** Designate read directly, to check what the node did (or did not do). */
async function designate<T = any>(path: string, qs?: IDataObject): Promise<T> {
	return await openStackRequest<T>(openStackContext(store).ctx, {
		service: 'dns',
		path: `/v2${path}`,
		qs,
	});
}
const zonesNamed = async (name: string) =>
	(await designate<{ zones: IDataObject[] }>('/zones', { name })).zones;
const recordSetsOf = async (zoneId: string, qs: IDataObject = {}) =>
	(await designate<{ recordsets: IDataObject[] }>(`/zones/${zoneId}/recordsets`, qs)).recordsets;

describe('OpenStack DNS node on Designate', () => {
	const bare = `${unique('dnsheat')}.test`;
	const zoneName = `${bare}.`;
	let zoneId = '';

	afterAll(async () => {
		// Leave nothing behind, whatever failed.
		for (const zone of await zonesNamed(zoneName).catch(() => [])) {
			await openStackRequest(openStackContext(store).ctx, {
				service: 'dns',
				method: 'DELETE',
				path: `/v2/zones/${zone.id as string}`,
			}).catch(() => undefined);
		}
	});

	it('creates a zone named without its trailing dot and waits until it is active', async () => {
		const [zone] = await run({
			resource: 'zone',
			operation: 'create',
			zoneName: bare,
			email: 'hostmaster@example.com',
			waitUntilActive: true,
			options: { ttl: 600, description: 'n8n test zone' },
		});
		expect(zone).toMatchObject({
			name: zoneName,
			email: 'hostmaster@example.com',
			ttl: 600,
			description: 'n8n test zone',
			status: 'ACTIVE',
			type: 'PRIMARY',
		});
		expect(zone.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		zoneId = zone.id as string;
		expect((await designate(`/zones/${zoneId}`)).status).toBe('ACTIVE');
	});

	it('gets the zone by name (with or without the dot), by ID and from the list', async () => {
		for (const locator of [rl(bare), rl(zoneName), rl(zoneId, 'id'), rl(zoneId, 'list')]) {
			const [zone] = await run({ resource: 'zone', operation: 'get', zone: locator });
			expect(zone).toMatchObject({ id: zoneId, name: zoneName });
		}
		const error = await fails({
			resource: 'zone',
			operation: 'get',
			zone: rl(`missing-${bare}`),
		});
		expect(error.message).toBe(`There is no zone "missing-${zoneName}" in this project`);
		expect(error.description).toBe(
			'Check the parameter "Zone" (and the project of the OpenStack credential)',
		);
	});

	it('lists zones by name, by pattern and with a limit', async () => {
		const byName = await run({
			resource: 'zone',
			operation: 'list',
			returnAll: true,
			filters: { name: bare },
		});
		expect(byName.map((zone) => zone.id)).toEqual([zoneId]);
		const byPattern = await run({
			resource: 'zone',
			operation: 'list',
			returnAll: true,
			filters: { name: `*${bare.slice(8)}*`, status: 'ACTIVE' },
		});
		expect(byPattern.map((zone) => zone.id)).toEqual([zoneId]);
		const limited = await run({ resource: 'zone', operation: 'list', returnAll: false, limit: 1 });
		expect(limited).toHaveLength(1);
	});

	it('updates the e-mail, TTL and description and waits until the zone is active again', async () => {
		const [zone] = await run({
			resource: 'zone',
			operation: 'update',
			zone: rl(zoneName),
			updateFields: { email: 'dns@example.org', ttl: 900, description: 'changed' },
			waitUntilActive: true,
		});
		expect(zone).toMatchObject({
			email: 'dns@example.org',
			ttl: 900,
			description: 'changed',
			status: 'ACTIVE',
		});
		expect(await designate(`/zones/${zoneId}`)).toMatchObject({
			email: 'dns@example.org',
			ttl: 900,
		});
	});

	it('creates record sets of every type, names and hosts completed, data as Designate stores it', async () => {
		const cases: Array<[string, string, string[], string, string[]]> = [
			['www', 'A', ['192.0.2.10', '192.0.2.11'], `www.${zoneName}`, ['192.0.2.10', '192.0.2.11']],
			[`v6.${bare}`, 'AAAA', ['2001:DB8::10'], `v6.${zoneName}`, ['2001:db8::10']],
			['alias', 'CNAME', ['web.example.net'], `alias.${zoneName}`, ['web.example.net.']],
			[
				'@',
				'MX',
				['10 mail.example.com', '20 backup.example.com.'],
				zoneName,
				['10 mail.example.com.', '20 backup.example.com.'],
			],
			[
				'txt',
				'TXT',
				['v=spf1 include:_spf.example.com -all'],
				`txt.${zoneName}`,
				['"v=spf1 include:_spf.example.com -all"'],
			],
			[
				'_sip._tcp',
				'SRV',
				['10 5 5060 sip.example.com'],
				`_sip._tcp.${zoneName}`,
				['10 5 5060 sip.example.com.'],
			],
			['sub', 'NS', ['ns1.example.net'], `sub.${zoneName}`, ['ns1.example.net.']],
			['10', 'PTR', ['host.example.com'], `10.${zoneName}`, ['host.example.com.']],
			['@', 'CAA', ['0 issue "letsencrypt.org"'], zoneName, ['0 issue letsencrypt.org']],
		];
		for (const [name, type, records, fullName, stored] of cases) {
			const [recordSet] = await run({
				resource: 'recordSet',
				operation: 'create',
				zone: rl(zoneName),
				name,
				type,
				records: records.join('\n'),
				waitUntilActive: true,
				options: type === 'A' ? { ttl: 300, description: 'web' } : {},
			});
			expect(recordSet).toMatchObject({ name: fullName, type, status: 'ACTIVE', zoneId });
			const [onServer] = await recordSetsOf(zoneId, { name: fullName, type });
			expect([type, [...(onServer.records as string[])].sort()]).toEqual([
				type,
				[...stored].sort(),
			]);
		}
		const [a] = await recordSetsOf(zoneId, { name: `www.${zoneName}`, type: 'A' });
		expect(a).toMatchObject({ ttl: 300, description: 'web' });
	});

	it('gets, lists (by name, type and data, with a limit), updates and deletes record sets', async () => {
		const [www] = await recordSetsOf(zoneId, { name: `www.${zoneName}`, type: 'A' });
		const [got] = await run({
			resource: 'recordSet',
			operation: 'get',
			zone: rl(zoneId, 'id'),
			recordSet: rl(www.id as string, 'id'),
		});
		expect(got).toMatchObject({ id: www.id, name: `www.${zoneName}`, records: expect.any(Array) });

		const list = (filters: IDataObject, extra: IDataObject = { returnAll: true }) =>
			run({ resource: 'recordSet', operation: 'list', zone: rl(zoneName), filters, ...extra });
		expect((await list({ name: 'www' })).map((r) => r.id)).toEqual([www.id]);
		expect((await list({ type: 'MX' })).map((r) => r.name)).toEqual([zoneName]);
		expect((await list({ data: '192.0.2.11' })).map((r) => r.id)).toEqual([www.id]);
		expect((await list({ name: '*sip*' })).map((r) => r.type)).toEqual(['SRV']);
		expect(await list({}, { returnAll: false, limit: 3 })).toHaveLength(3);
		const all = await list({});
		// SOA and the apex NS come from Designate, then the nine created above (MX and CAA share the apex).
		expect(all.length).toBe(11);

		const [updated] = await run({
			resource: 'recordSet',
			operation: 'update',
			zone: rl(zoneName),
			recordSet: rl(www.id as string, 'id'),
			updateFields: { records: '192.0.2.20', ttl: 120 },
			waitUntilActive: true,
		});
		expect(updated).toMatchObject({ records: ['192.0.2.20'], ttl: 120, status: 'ACTIVE' });
		expect((await designate(`/zones/${zoneId}/recordsets/${www.id as string}`)).records).toEqual([
			'192.0.2.20',
		]);

		const [deleted] = await run({
			resource: 'recordSet',
			operation: 'delete',
			zone: rl(zoneName),
			recordSet: rl(www.id as string, 'id'),
			waitUntilDeleted: true,
		});
		expect(deleted).toMatchObject({ id: www.id, deleted: true, status: 'DELETED' });
		expect(await recordSetsOf(zoneId, { name: `www.${zoneName}` })).toEqual([]);
	});

	it('creates or updates the records of a name + type: created, then updated, then unchanged', async () => {
		const upsert = (records: string, options: IDataObject = {}) =>
			run({
				resource: 'recordSet',
				operation: 'upsert',
				zone: rl(zoneName),
				name: 'app',
				type: 'A',
				records,
				waitUntilActive: true,
				options,
			});
		const [created] = await upsert('198.51.100.1');
		expect(created).toMatchObject({ change: 'created', name: `app.${zoneName}`, status: 'ACTIVE' });
		const [updated] = await upsert('198.51.100.2\n198.51.100.3', { ttl: 60 });
		expect(updated).toMatchObject({ change: 'updated', id: created.id, ttl: 60 });
		const versionBefore = (await designate(`/zones/${zoneId}/recordsets/${created.id as string}`))
			.version;
		const [same] = await upsert('198.51.100.3\n198.51.100.2');
		expect(same).toMatchObject({ change: 'unchanged', id: created.id });
		const onServer = await recordSetsOf(zoneId, { name: `app.${zoneName}`, type: 'A' });
		expect(onServer).toHaveLength(1);
		expect([...(onServer[0].records as string[])].sort()).toEqual(['198.51.100.2', '198.51.100.3']);
		expect(onServer[0].version).toBe(versionBefore);
	});

	it('offers zones and record sets in its pickers', async () => {
		const { ctx } = openStackContext(store);
		const load = Object.assign(Object.create(ctx) as object, {
			getCurrentNodeParameter: () => zoneName,
		}) as unknown as ILoadOptionsFunctions;
		const zones = await node.methods.listSearch.searchZones.call(load, bare.slice(0, 20));
		expect(zones.results).toContainEqual({ name: zoneName, value: zoneId });
		const recordSets = await node.methods.listSearch.searchRecordSets.call(load, 'app');
		expect(recordSets.results).toEqual([
			{
				name: expect.stringMatching(new RegExp(`^app\\.${zoneName.replace(/\./g, '\\.')} A \\(`)),
				value: expect.any(String),
			},
		]);
	});

	describe('bad input: an error naming the parameter, nothing created', () => {
		const createRecord = (overrides: IDataObject) => ({
			resource: 'recordSet',
			operation: 'create',
			zone: rl(zoneName),
			name: 'bad',
			type: 'A',
			records: '192.0.2.1',
			options: {},
			...overrides,
		});

		it.each([
			[
				'A with not-an-ip',
				{ records: 'not-an-ip' },
				/^Invalid "Records": "not-an-ip" is not a valid A record: it is not an IPv4 address/,
				'Records',
			],
			[
				'AAAA with an IPv4 address',
				{ type: 'AAAA', records: '192.0.2.1' },
				/is not a valid AAAA record/,
				'Records',
			],
			[
				'MX without priority',
				{ type: 'MX', records: 'mail.example.com' },
				/is not a valid MX record: give a priority and a mail host/,
				'Records',
			],
			[
				'MX with a priority above 65535',
				{ type: 'MX', records: '70000 mail.example.com' },
				/the priority must be a whole number from 0 to 65535/,
				'Records',
			],
			[
				'SRV with three fields',
				{ type: 'SRV', name: '_sip._tcp', records: '10 5060 sip.example.com' },
				/is not a valid SRV record/,
				'Records',
			],
			[
				'SRV under a name without _service._protocol',
				{ type: 'SRV', name: 'sip', records: '10 5 5060 sip.example.com' },
				/^Invalid "Name": an SRV record set's name starts with _service._protocol/,
				'Name',
			],
			[
				'CNAME with two records',
				{ type: 'CNAME', records: 'a.example.com\nb.example.com' },
				/^Invalid "Records": a CNAME record set holds one record \(got 2\)$/,
				'Records',
			],
			[
				'CNAME with a bad host',
				{ type: 'CNAME', records: 'bad_-.exa mple' },
				/is not a valid CNAME record/,
				'Records',
			],
			[
				'TXT with an unclosed quote',
				{ type: 'TXT', records: '"unclosed' },
				/is not a valid TXT record: quoted text must close its quotes/,
				'Records',
			],
			[
				'CAA with an unknown tag',
				{ type: 'CAA', records: '0 policy letsencrypt.org' },
				/the tag must be issue, issuewild or iodef/,
				'Records',
			],
			[
				'no records',
				{ records: ' \n ' },
				/^Invalid "Records": give at least one record$/,
				'Records',
			],
			[
				'a TTL below 0',
				{ options: { ttl: -1 } },
				/^Invalid "TTL \(Seconds\)": -1 is below the minimum of 0$/,
				'TTL (Seconds)',
			],
			[
				'a TTL above 2^31 - 1',
				{ options: { ttl: 2147483648 } },
				/^Invalid "TTL \(Seconds\)": 2147483648 is above the maximum of 2147483647$/,
				'TTL (Seconds)',
			],
			[
				'a name outside the zone',
				{ name: 'www.example.org.' },
				/^Invalid "Name": "www.example.org." is not in the zone/,
				'Name',
			],
		])('record set with %s', async (_label, overrides, message, parameter) => {
			const before = (await recordSetsOf(zoneId)).length;
			const error = await fails(createRecord(overrides));
			expect(error.message).toMatch(message);
			expect(error.description).toBe(`Check the parameter "${parameter}"`);
			expect((await recordSetsOf(zoneId)).length).toBe(before);
			expect(await recordSetsOf(zoneId, { name: `bad.${zoneName}` })).toEqual([]);
		});

		it.each([
			[
				'a single label',
				'localhost',
				/^Invalid "Zone Name": "localhost" is not a fully-qualified domain name: a zone needs at least two labels/,
			],
			[
				'a bad label',
				'bad_-.exam ple.test',
				/^Invalid "Zone Name": the zone name "bad_-.exam ple.test." has an invalid label/,
			],
			['an empty label', `a..${bare}`, /has an empty label/],
		])('zone name with %s', async (_label, zoneNameInput, message) => {
			const error = await fails({
				resource: 'zone',
				operation: 'create',
				zoneName: zoneNameInput,
				email: 'hostmaster@example.com',
				options: {},
			});
			expect(error.message).toMatch(message);
			expect(error.description).toBe('Check the parameter "Zone Name"');
			expect(await zonesNamed(`${zoneNameInput.replace(/\.?$/, '.')}`)).toEqual([]);
		});

		it('zone with an e-mail Designate refuses, or a TTL out of range', async () => {
			const name = `bad-${bare}`;
			const email = await fails({
				resource: 'zone',
				operation: 'create',
				zoneName: name,
				email: 'dns+ops@example.com',
				options: {},
			});
			expect(email.message).toMatch(
				/^Invalid "Email": "dns\+ops@example.com" is not an e-mail address Designate accepts/,
			);
			const ttl = await fails({
				resource: 'zone',
				operation: 'create',
				zoneName: name,
				email: 'dns@example.com',
				options: { ttl: 2147483648 },
			});
			expect(ttl.message).toBe(
				'Invalid "TTL (Seconds)": 2147483648 is above the maximum of 2147483647',
			);
			expect(await zonesNamed(`${name}.`)).toEqual([]);
		});

		it('with Continue On Fail: an error item paired to the bad item, the good ones done', async () => {
			const { output } = await runNode(node, store, {
				continueOnFail: true,
				items: [{ json: { ip: '192.0.2.50' } }, { json: { ip: 'not-an-ip' } }],
				params: (itemIndex) =>
					createRecord({
						name: `item${itemIndex}`,
						records: itemIndex === 0 ? '192.0.2.50' : 'not-an-ip',
					}),
			});
			expect(output.map((item) => [item.pairedItem, item.json.error ?? item.json.name])).toEqual([
				[{ item: 0 }, `item0.${zoneName}`],
				[
					{ item: 1 },
					expect.stringMatching(/^Invalid "Records": "not-an-ip" is not a valid A record/),
				],
			]);
			expect(await recordSetsOf(zoneId, { name: `item1.${zoneName}` })).toEqual([]);
		});
	});

	it('deletes the zone and waits until it is gone', async () => {
		const [deleted] = await run({
			resource: 'zone',
			operation: 'delete',
			zone: rl(zoneName),
			waitUntilDeleted: true,
		});
		expect(deleted).toMatchObject({ id: zoneId, name: zoneName, deleted: true, status: 'DELETED' });
		expect(await zonesNamed(zoneName)).toEqual([]);
	});
});
