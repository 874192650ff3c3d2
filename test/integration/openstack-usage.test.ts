/**
 * The OpenStack Usage node against the local OpenStack: compute usage for a period (Nova's
 * os-simple-tenant-usage) with a server of its own counted in it, compute limits and quotas with
 * usage, block-storage and network quota usage, and all of it in one item. Every figure is
 * compared with what the services answer directly.
 */
import { OpenStackUsage } from '../../nodes/OpenStackUsage/OpenStackUsage.node';
import { Cleanup, eventually, memberRun } from '../helpers/openstack/infra';
import { openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(15 * 60_000);

const cloud = openStackServers() as ReturnType<typeof openStackServers> & {
	image: { name: string; id: string };
	volumeType?: string;
};
const usage = memberRun(new OpenStackUsage());
const cleanup = new Cleanup();
const RUN = unique('it-usage');
const projectId = cloud.member.projectId;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let serverId: string;

beforeAll(async () => {
	const flavors = (await usage.api('compute', { path: '/flavors/detail' })).flavors as Array<{
		id: string;
		name: string;
	}>;
	const { server } = await usage.api('compute', {
		method: 'POST',
		path: '/servers',
		body: {
			server: {
				name: RUN,
				flavorRef: flavors.find((flavor) => flavor.name === 'm1.small')!.id,
				imageRef: cloud.image.id,
				networks: 'none',
			},
		},
	});
	serverId = server.id;
	cleanup.add('server', () =>
		usage.api('compute', { method: 'DELETE', path: `/servers/${serverId}` }),
	);
	await eventually('the server to be ACTIVE', async () => {
		const { server: now } = await usage.api('compute', { path: `/servers/${serverId}` });
		if (now.status === 'ERROR') throw new Error(`server in ERROR: ${now.fault?.message}`);
		return now.status === 'ACTIVE';
	});
});

afterAll(async () => await cleanup.run());

describe('OpenStack Usage node', () => {
	it('reads compute usage for a period: servers, server hours, vCPU, RAM and disk hours, with each server', async () => {
		const [result] = await usage.run({
			resource: 'compute',
			operation: 'getUsage',
			period: 'last24Hours',
			includeServers: true,
		});
		expect(result).toMatchObject({ projectId, projectName: cloud.member.projectName });
		const period = result.period as { start: string; end: string; hours: number };
		expect(period.start).toMatch(ISO);
		expect(period.end).toMatch(ISO);
		expect(period.hours).toBe(24);
		const mine = (result.serverUsages as Array<Record<string, unknown>>).find(
			(server) => server.serverId === serverId,
		)!;
		expect(mine).toMatchObject({
			name: RUN,
			flavor: 'm1.small',
			vcpus: 1,
			ramMegabytes: 2048,
			diskGigabytes: 20,
			state: 'active',
			endedAt: null,
		});
		expect(mine.startedAt).toMatch(ISO);
		expect(result.servers).toBeGreaterThanOrEqual(1);
		for (const key of [
			'serverHours',
			'vcpuHours',
			'ramMegabyteHours',
			'ramGigabyteHours',
			'diskGigabyteHours',
		])
			expect(typeof result[key]).toBe('number');
		expect(result.ramMegabyteHours as number).toBeGreaterThan(0);

		// The same figures as Nova's own answer for the same period.
		const start = period.start.slice(0, 19);
		const end = period.end.slice(0, 19);
		const { tenant_usage: direct } = await usage.api('compute', {
			path: `/os-simple-tenant-usage/${projectId}`,
			qs: { start, end },
			microversion: '2.1',
		});
		expect(result.vcpuHours).toBeCloseTo(direct.total_vcpus_usage, 2);
		expect(result.ramMegabyteHours).toBeCloseTo(direct.total_memory_mb_usage, 2);
		expect(result.diskGigabyteHours).toBeCloseTo(direct.total_local_gb_usage, 2);
		expect(result.servers).toBe(
			new Set(direct.server_usages.map((s: { instance_id: string }) => s.instance_id)).size,
		);

		const [previous] = await usage.run({
			resource: 'compute',
			operation: 'getUsage',
			period: 'custom',
			start: '2020-01-01T00:00:00Z',
			end: '2020-02-01T00:00:00Z',
		});
		expect(previous).toMatchObject({
			period: { start: '2020-01-01T00:00:00.000Z', end: '2020-02-01T00:00:00.000Z', hours: 744 },
			servers: 0,
			vcpuHours: 0,
			serverHours: 0,
		});
		expect(previous).not.toHaveProperty('serverUsages');
		const backwards = await usage.fail({
			resource: 'compute',
			operation: 'getUsage',
			period: 'custom',
			start: '2020-02-01T00:00:00Z',
			end: '2020-01-01T00:00:00Z',
		});
		expect(backwards.message).toBe(
			'Invalid "End": 2020-01-01T00:00:00.000Z is not after the Start (2020-02-01T00:00:00.000Z)',
		);
	});

	it('reads compute limits and quotas with usage, named plainly', async () => {
		const [result] = await usage.run({ resource: 'compute', operation: 'getLimits' });
		const { limits } = await usage.api('compute', { path: '/limits' });
		expect(result).toMatchObject({
			projectId,
			source: 'quota set with usage',
			instances: { limit: limits.absolute.maxTotalInstances },
			vcpus: { limit: limits.absolute.maxTotalCores },
			ramMegabytes: { limit: limits.absolute.maxTotalRAMSize },
		});
		const instances = result.instances as { used: number; remaining: number; limit: number };
		expect(instances.used).toBeGreaterThanOrEqual(1);
		expect(instances.remaining).toBe(instances.limit - instances.used);
		expect((result.vcpus as { used: number }).used).toBeGreaterThanOrEqual(1);
		expect(result.keyPairs).toEqual({
			limit: expect.any(Number),
			used: expect.any(Number),
			remaining: expect.any(Number),
		});
	});

	it('reads block-storage limits and quota usage, and network quota usage', async () => {
		const [storage] = await usage.run({ resource: 'blockStorage', operation: 'getLimits' });
		const { quota_set: cinder } = await usage.api('block-storage', {
			path: `/os-quota-sets/${projectId}`,
			qs: { usage: true },
		});
		expect(storage).toMatchObject({
			projectId,
			volumes: {
				limit: cinder.volumes.limit,
				used: cinder.volumes.in_use + cinder.volumes.reserved,
			},
			volumeGigabytes: { limit: cinder.gigabytes.limit },
			snapshots: { limit: cinder.snapshots.limit },
			backups: { limit: cinder.backups.limit },
		});
		expect(Object.keys(storage.byVolumeType as object)).toContain(
			cloud.volumeType ?? '__DEFAULT__',
		);

		const [network] = await usage.run({ resource: 'network', operation: 'getQuotaUsage' });
		const { quota } = await usage.api('network', { path: `/quotas/${projectId}/details` });
		expect(network).toMatchObject({
			projectId,
			source: 'quota details',
			networks: { limit: quota.network.limit, used: quota.network.used + quota.network.reserved },
			floatingIps: { limit: quota.floatingip.limit },
			securityGroupRules: { limit: quota.security_group_rule.limit },
		});
		for (const key of [
			'networks',
			'subnets',
			'ports',
			'routers',
			'floatingIps',
			'securityGroups',
			'securityGroupRules',
		])
			expect(network[key]).toEqual({
				limit: expect.any(Number),
				used: expect.any(Number),
				remaining: expect.any(Number),
			});
	});

	it('reads all usage in one item, with the period', async () => {
		const [all] = await usage.run({
			resource: 'all',
			operation: 'getAllUsage',
			period: 'currentMonth',
		});
		const now = new Date();
		expect(all).toMatchObject({
			projectId,
			period: {
				start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
			},
			compute: {
				usage: { servers: expect.any(Number), vcpuHours: expect.any(Number) },
				quotas: { instances: { limit: expect.any(Number) } },
			},
			blockStorage: { volumes: { limit: expect.any(Number) } },
			network: { networks: { limit: expect.any(Number) } },
			objectStorage: {
				containers: expect.any(Number),
				objects: expect.any(Number),
				bytes: expect.any(Number),
			},
		});
		expect(all.generatedAt).toMatch(ISO);
		expect((all.compute as { usage: { servers: number } }).usage.servers).toBeGreaterThanOrEqual(1);
		expect(all.compute).not.toHaveProperty('usage.projectId');
	});
});
