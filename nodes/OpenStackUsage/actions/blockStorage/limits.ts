import type { IDataObject } from 'n8n-workflow';

import type { OpenStackContext } from '../../../shared/openstack/request';
import { currentProject, figure, serviceRequest } from '../common';

/** Cinder's quota set with usage (`?usage=true`), per-type quotas grouped by volume type. */

const BLOCK_QUOTAS: Record<string, string> = {
	volumes: 'volumes',
	gigabytes: 'volumeGigabytes',
	snapshots: 'snapshots',
	backups: 'backups',
	backup_gigabytes: 'backupGigabytes',
	groups: 'groups',
};

const PER_TYPE = /^(volumes|gigabytes|snapshots)_(.+)$/;

export async function blockStorageLimits(ctx: OpenStackContext): Promise<IDataObject> {
	const { projectId, projectName } = await currentProject(ctx);
	const { quota_set: quotas } = await serviceRequest<{
		quota_set: Record<string, { limit?: number; in_use?: number; reserved?: number }>;
	}>(ctx, 'block-storage', {
		path: `/os-quota-sets/${encodeURIComponent(projectId)}`,
		qs: { usage: true },
	});
	const out: IDataObject = { projectId, projectName };
	const byVolumeType: Record<string, IDataObject> = {};
	for (const [key, entry] of Object.entries(quotas ?? {})) {
		if (!entry || typeof entry !== 'object') continue;
		if (BLOCK_QUOTAS[key]) {
			out[BLOCK_QUOTAS[key]] = figure(entry.limit, entry.in_use, entry.reserved);
			continue;
		}
		if (key === 'per_volume_gigabytes') {
			out.perVolumeGigabytesLimit =
				typeof entry.limit === 'number' && entry.limit >= 0 ? entry.limit : null;
			continue;
		}
		const perType = PER_TYPE.exec(key);
		if (perType) {
			const [, what, type] = perType;
			byVolumeType[type] ??= {};
			byVolumeType[type][what === 'gigabytes' ? 'volumeGigabytes' : what] = figure(
				entry.limit,
				entry.in_use,
				entry.reserved,
			);
		}
	}
	out.byVolumeType = byVolumeType;
	return out;
}
