import type { IExecuteFunctions } from 'n8n-workflow';

import type { OpenStackContext } from '../request';
import { waitForStatus } from '../wait';
import { serviceRequest } from './api';
import { UUID, unlessMissing, type Finder } from './lookup';
import { collectionFinder, type NamedResource } from './network';

/** Cinder volumes and snapshots as the nodes find them and wait for them. */

export interface CinderVolume extends NamedResource {
	status: string;
	size: number;
	attachments?: Array<{ server_id?: string; attachment_id?: string; device?: string }>;
}

export async function getVolume(ctx: OpenStackContext, id: string): Promise<CinderVolume> {
	const { volume } = await serviceRequest<{ volume: CinderVolume }>(ctx, 'block-storage', {
		path: `/volumes/${encodeURIComponent(id)}`,
	});
	return volume;
}

export const volumeFinder: Finder<CinderVolume> = {
	kind: 'volume',
	idPattern: UUID,
	byId: async (ctx, id) => await unlessMissing(() => getVolume(ctx, id)),
	byName: async (ctx, name) =>
		(
			await serviceRequest<{ volumes: CinderVolume[] }>(ctx, 'block-storage', {
				path: '/volumes/detail',
				qs: { name },
			})
		).volumes ?? [],
	idOf: (volume) => volume.id,
	nameOf: (volume) => volume.name,
};

export const snapshotFinder = collectionFinder<NamedResource>({
	kind: 'snapshot',
	service: 'block-storage',
	path: '/snapshots',
	singular: 'snapshot',
	plural: 'snapshots',
});

export interface VolumeWait {
	until: string[];
	/** Undefined: the user does not want to wait; the volume is read once, as it is. */
	timeoutSeconds: number | undefined;
	untilGone?: boolean;
	failOn?: string[];
}

/** Polls a volume until its status is one of `until`; `error…` statuses fail at once. */
export async function waitForVolume(
	ctx: IExecuteFunctions,
	itemIndex: number,
	volume: { id: string; name?: string },
	wait: VolumeWait,
): Promise<CinderVolume | undefined> {
	if (wait.timeoutSeconds === undefined) return await getVolume(ctx, volume.id);
	const result = await waitForStatus<CinderVolume>({
		node: ctx.getNode(),
		poll: async () => await getVolume(ctx, volume.id),
		status: (found) => found.status,
		until: wait.until,
		failOn: wait.failOn ?? ['error', 'error_extending', 'error_deleting', 'error_restoring'],
		untilGone: wait.untilGone,
		timeoutSeconds: wait.timeoutSeconds,
		describe: `volume "${volume.name || volume.id}"`,
		itemIndex,
	});
	return result.resource;
}

/** The servers a volume is attached to. */
export function attachedServers(volume: CinderVolume): string[] {
	return (volume.attachments ?? [])
		.map((attachment) => attachment.server_id)
		.filter((id): id is string => Boolean(id));
}
