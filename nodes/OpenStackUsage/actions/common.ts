import type { IDataObject } from 'n8n-workflow';

import { openStackSession, type OpenStackContext } from '../../shared/openstack/request';
import { findEndpoint } from '../../shared/openstack/catalog';

export { forOperation, showFor } from '../../shared/node/description';
export { serviceRequest } from '../../shared/openstack/resources/api';

/** The project the credential's token is scoped to (every figure is about it). */
export async function currentProject(ctx: OpenStackContext) {
	const session = await openStackSession(ctx);
	return { projectId: session.project.id, projectName: session.project.name };
}

/** Whether the catalog has the service (All Usage leaves out what a cloud does not offer). */
export async function hasService(ctx: OpenStackContext, service: string): Promise<boolean> {
	return findEndpoint((await openStackSession(ctx)).endpoints, service) !== undefined;
}

export interface Figure extends IDataObject {
	/** null when unlimited (OpenStack says -1). */
	limit: number | null;
	used: number;
	/** null when unlimited. */
	remaining: number | null;
}

/** A limit and what is used of it, named plainly; OpenStack's -1 (unlimited) becomes null. */
export function figure(limit: unknown, used: unknown, reserved: unknown = 0): Figure {
	const max = typeof limit === 'number' && limit >= 0 ? limit : null;
	const inUse =
		(typeof used === 'number' ? used : 0) + (typeof reserved === 'number' ? reserved : 0);
	return { limit: max, used: inUse, remaining: max === null ? null : Math.max(0, max - inUse) };
}
