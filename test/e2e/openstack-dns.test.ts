/**
 * The OpenStack DNS node inside a real n8n 2.40.7, against the local Designate: a zone made by
 * the node, then a Webhook that receives {hostname, ip} over real HTTP on a running `n8n start`
 * and answers with the A record set the node created or updated (Create or Update), checked in
 * Designate; a bad address is answered with the error naming the parameter, nothing changed.
 */
import type { IDataObject } from 'n8n-workflow';

import { openStackRequest } from '../../nodes/shared/openstack/request';
import { credentialStore, openStackContext } from '../helpers/openstack/context';
import { memberAppCredential, unique } from '../helpers/openstack/servers';
import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { PACK, locator, manualTrigger, workflow } from './harness/workflow';

jest.setTimeout(15 * 60_000);

const CREDENTIAL = {
	cloudPackOpenStackApi: { id: 'openStackDnsE2e01', name: 'OpenStack DNS e2e' },
};
const dns = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.openStackDns`,
	parameters,
	credentials: CREDENTIAL,
});

const store = credentialStore(memberAppCredential());
async function designate<T = any>(
	path: string,
	qs?: IDataObject,
	method: 'GET' | 'DELETE' = 'GET',
) {
	return await openStackRequest<T>(openStackContext(store).ctx, {
		service: 'dns',
		method,
		path: `/v2${path}`,
		qs,
	});
}

describe('OpenStack DNS inside a real n8n', () => {
	const zone = `${unique('e2e-dns')}.test`;
	let zoneId = '';
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await N8nInstance.create();
		await n8n.importCredentials([
			{
				id: 'openStackDnsE2e01',
				name: 'OpenStack DNS e2e',
				type: 'cloudPackOpenStackApi',
				data: memberAppCredential(),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await n8n?.dispose();
		for (const found of (await designate<{ zones: IDataObject[] }>('/zones', { name: `${zone}.` }))
			.zones) {
			await designate(`/zones/${found.id as string}`, undefined, 'DELETE').catch(() => undefined);
		}
	});

	it('creates the zone (name completed with its dot) and waits until it is active', async () => {
		await n8n.importWorkflow(
			workflow('e2eDnsZone', [
				manualTrigger,
				dns('Zone', {
					resource: 'zone',
					operation: 'create',
					zoneName: zone,
					email: 'hostmaster@example.com',
					waitUntilActive: true,
					options: { ttl: 300 },
				}),
			]),
		);
		const run = await n8n.execute('e2eDnsZone');
		const created = run.output('Zone')[0].json;
		expect(created).toMatchObject({ name: `${zone}.`, status: 'ACTIVE', ttl: 300 });
		zoneId = created.id as string;
	});

	it('upserts the A record of {hostname, ip} posted to a webhook and answers with the record set', async () => {
		await n8n.importWorkflow(
			workflow('e2eDnsWebhook', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: 'a9f3e7c1-5b2d-4e8a-9c61-3d7f0b2e4a15',
					parameters: { httpMethod: 'POST', path: 'dns-upsert', responseMode: 'lastNode' },
				},
				{
					...dns('Upsert', {
						resource: 'recordSet',
						operation: 'upsert',
						zone: locator(zone),
						name: '={{ $json.body.hostname }}',
						type: 'A',
						records: '={{ $json.body.ip }}',
						waitUntilActive: true,
						options: { ttl: 120 },
					}),
					// bad input is answered with the error item (n8n's "Continue On Fail")
					onError: 'continueRegularOutput',
				} as ReturnType<typeof dns>,
			]),
		);
		await n8n.publish('e2eDnsWebhook');
		const port = await freePort();
		await n8n.start(port);
		const post = async (body: unknown) => {
			const call = () =>
				fetch(`http://127.0.0.1:${port}/webhook/dns-upsert`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			// n8n answers /healthz before it has registered the published webhooks
			let response = await call();
			for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, 500));
				response = await call();
			}
			return { status: response.status, text: await response.text() };
		};
		const answers: Array<{ status: number; text: string }> = [];
		try {
			answers.push(await post({ hostname: 'web1', ip: '192.0.2.10' }));
			answers.push(await post({ hostname: 'web1', ip: '192.0.2.11' }));
			answers.push(await post({ hostname: `web1.${zone}`, ip: '192.0.2.11' }));
			answers.push(await post({ hostname: 'web2', ip: 'not-an-ip' }));
		} finally {
			await n8n.stop();
		}
		const [created, updated, unchanged, refused] = answers;
		expect(created.status).toBe(200);
		expect(JSON.parse(created.text)).toMatchObject({
			change: 'created',
			name: `web1.${zone}.`,
			type: 'A',
			records: ['192.0.2.10'],
			ttl: 120,
			status: 'ACTIVE',
			zoneId,
		});
		expect(JSON.parse(updated.text)).toMatchObject({ change: 'updated', records: ['192.0.2.11'] });
		expect(JSON.parse(unchanged.text)).toMatchObject({
			change: 'unchanged',
			records: ['192.0.2.11'],
		});
		expect(JSON.parse(created.text).id).toBe(JSON.parse(unchanged.text).id);
		expect(refused.status).toBe(200);
		expect(JSON.parse(refused.text)).toMatchObject({
			error: expect.stringMatching(/^Invalid "Records": "not-an-ip" is not a valid A record/),
			description: 'Check the parameter "Records"',
		});

		const { recordsets } = await designate<{ recordsets: IDataObject[] }>(
			`/zones/${zoneId}/recordsets`,
			{ type: 'A' },
		);
		expect(recordsets.map((r) => [r.name, r.records, r.status])).toEqual([
			[`web1.${zone}.`, ['192.0.2.11'], 'ACTIVE'],
		]);
	});

	it('lists the record sets and deletes the zone, waiting until it is gone', async () => {
		await n8n.importWorkflow(
			workflow('e2eDnsCleanup', [
				manualTrigger,
				dns('List', {
					resource: 'recordSet',
					operation: 'list',
					zone: locator(zone),
					returnAll: true,
					filters: { type: 'A' },
				}),
				{
					...dns('Delete Zone', {
						resource: 'zone',
						operation: 'delete',
						zone: { __rl: true, mode: 'id', value: zoneId },
						waitUntilDeleted: true,
					}),
					executeOnce: true,
				} as ReturnType<typeof dns>,
			]),
		);
		const run = await n8n.execute('e2eDnsCleanup');
		expect(run.output('List').map((item) => item.json.name)).toEqual([`web1.${zone}.`]);
		expect(run.output('Delete Zone')[0].json).toMatchObject({
			id: zoneId,
			deleted: true,
			status: 'DELETED',
		});
		expect(
			(await designate<{ zones: IDataObject[] }>('/zones', { name: `${zone}.` })).zones,
		).toEqual([]);
	});
});
