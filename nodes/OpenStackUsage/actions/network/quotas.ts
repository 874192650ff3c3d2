import type { IDataObject } from 'n8n-workflow';

import type { OpenStackContext } from '../../../shared/openstack/request';
import { unlessStatus } from '../../../shared/openstack/request';
import { currentProject, figure, serviceRequest } from '../common';

/**
 * Neutron's quota details (`/quotas/{project}/details`: limit, used, reserved). Where a cloud
 * lacks that extension, the limits (`/quotas/{project}`) and a count of each resource instead.
 */

const NETWORK_QUOTAS: Record<string, { name: string; path: string; key: string }> = {
	network: { name: 'networks', path: '/networks', key: 'networks' },
	subnet: { name: 'subnets', path: '/subnets', key: 'subnets' },
	port: { name: 'ports', path: '/ports', key: 'ports' },
	router: { name: 'routers', path: '/routers', key: 'routers' },
	floatingip: { name: 'floatingIps', path: '/floatingips', key: 'floatingips' },
	security_group: { name: 'securityGroups', path: '/security-groups', key: 'security_groups' },
	security_group_rule: {
		name: 'securityGroupRules',
		path: '/security-group-rules',
		key: 'security_group_rules',
	},
};

export async function networkQuotaUsage(ctx: OpenStackContext): Promise<IDataObject> {
	const { projectId, projectName } = await currentProject(ctx);
	const base = `/quotas/${encodeURIComponent(projectId)}`;
	const details = await unlessStatus(
		404,
		async () =>
			await serviceRequest<{
				quota: Record<string, { limit?: number; used?: number; reserved?: number }>;
			}>(ctx, 'network', { path: `${base}/details` }),
	);
	const out: IDataObject = { projectId, projectName };
	if (details?.quota) {
		for (const [key, { name }] of Object.entries(NETWORK_QUOTAS)) {
			const entry = details.quota[key];
			if (entry) out[name] = figure(entry.limit, entry.used, entry.reserved);
		}
		out.source = 'quota details';
		return out;
	}
	const { quota: limits } = await serviceRequest<{ quota: Record<string, number> }>(
		ctx,
		'network',
		{
			path: base,
		},
	);
	await Promise.all(
		Object.entries(NETWORK_QUOTAS).map(async ([key, { name, path, key: itemsKey }]) => {
			const answer = await serviceRequest<Record<string, unknown[]>>(ctx, 'network', {
				path,
				qs: { project_id: projectId, fields: 'id' },
			});
			out[name] = figure(limits?.[key], (answer[itemsKey] ?? []).length);
		}),
	);
	out.source = 'limits and counts';
	return out;
}
