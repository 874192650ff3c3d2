import type { IDataObject } from 'n8n-workflow';

import type { OpenStackContext } from '../../../shared/openstack/request';
import { unlessStatus } from '../../../shared/openstack/request';
import { isoDate } from '../../../shared/openstack/resources/output';
import { currentProject, figure, serviceRequest } from '../common';
import { describePeriod, novaTime, type Period } from '../period';

/**
 * Nova's own accounting: `os-simple-tenant-usage` for the period (asked at the base microversion,
 * which answers every server at once, so the totals are the project's), `/limits` and the quota
 * set with usage.
 */

const round = (value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : 0);

interface ServerUsage {
	instance_id?: string;
	name?: string;
	flavor?: string;
	vcpus?: number;
	memory_mb?: number;
	local_gb?: number;
	hours?: number;
	state?: string;
	started_at?: string;
	ended_at?: string | null;
}

interface TenantUsage {
	total_hours?: number;
	total_vcpus_usage?: number;
	total_memory_mb_usage?: number;
	total_local_gb_usage?: number;
	server_usages?: ServerUsage[];
}

export async function computeUsage(
	ctx: OpenStackContext,
	period: Period,
	includeServers: boolean,
): Promise<IDataObject> {
	const { projectId, projectName } = await currentProject(ctx);
	const { tenant_usage: usage = {} } = await serviceRequest<{ tenant_usage?: TenantUsage }>(
		ctx,
		'compute',
		{
			path: `/os-simple-tenant-usage/${encodeURIComponent(projectId)}`,
			qs: { start: novaTime(period.start), end: novaTime(period.end) },
			microversion: '2.1',
		},
	);
	const servers = usage.server_usages ?? [];
	return {
		projectId,
		projectName,
		period: describePeriod(period),
		servers: new Set(servers.map((server) => server.instance_id)).size,
		serverHours: round(usage.total_hours),
		vcpuHours: round(usage.total_vcpus_usage),
		ramMegabyteHours: round(usage.total_memory_mb_usage),
		ramGigabyteHours: round((usage.total_memory_mb_usage ?? 0) / 1024),
		diskGigabyteHours: round(usage.total_local_gb_usage),
		...(includeServers
			? {
					serverUsages: servers.map((server) => ({
						serverId: server.instance_id,
						name: server.name,
						flavor: server.flavor,
						state: server.state,
						vcpus: server.vcpus,
						ramMegabytes: server.memory_mb,
						diskGigabytes: server.local_gb,
						hours: round(server.hours),
						startedAt: isoDate(server.started_at) ?? null,
						endedAt: server.ended_at ? isoDate(server.ended_at) : null,
					})),
				}
			: {}),
	};
}

/** What Nova's quota set calls each figure, and what the node calls it. */
const COMPUTE_QUOTAS: Record<string, string> = {
	instances: 'instances',
	cores: 'vcpus',
	ram: 'ramMegabytes',
	key_pairs: 'keyPairs',
	server_groups: 'serverGroups',
	server_group_members: 'serverGroupMembers',
	metadata_items: 'metadataItemsPerServer',
};

export async function computeLimits(ctx: OpenStackContext): Promise<IDataObject> {
	const { projectId, projectName } = await currentProject(ctx);
	const [{ limits }, detail] = await Promise.all([
		serviceRequest<{ limits: { absolute: Record<string, number> } }>(ctx, 'compute', {
			path: '/limits',
		}),
		// The quota set with usage; some clouds keep it from members (403): /limits still says most.
		unlessStatus(
			403,
			async () =>
				await serviceRequest<{ quota_set: Record<string, IDataObject> }>(ctx, 'compute', {
					path: `/os-quota-sets/${encodeURIComponent(projectId)}/detail`,
				}),
		),
	]);
	const absolute = limits?.absolute ?? {};
	const out: IDataObject = { projectId, projectName };
	if (detail?.quota_set) {
		for (const [key, name] of Object.entries(COMPUTE_QUOTAS)) {
			const entry = detail.quota_set[key];
			if (entry) out[name] = figure(entry.limit, entry.in_use, entry.reserved);
		}
	} else {
		out.instances = figure(absolute.maxTotalInstances, absolute.totalInstancesUsed);
		out.vcpus = figure(absolute.maxTotalCores, absolute.totalCoresUsed);
		out.ramMegabytes = figure(absolute.maxTotalRAMSize, absolute.totalRAMUsed);
		out.serverGroups = figure(absolute.maxServerGroups, absolute.totalServerGroupsUsed);
		out.keyPairs = { limit: absolute.maxTotalKeypairs ?? null };
	}
	out.source = detail?.quota_set ? 'quota set with usage' : 'limits';
	return out;
}
