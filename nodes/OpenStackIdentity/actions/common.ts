import type { IExecuteFunctions } from 'n8n-workflow';

import {
	openStackRequest,
	openStackSession,
	type OpenStackCall,
	type OpenStackContext,
} from '../../shared/openstack/request';

export { forOperation, returnAllAndLimit, showFor } from '../../shared/node/description';

/** Every Identity operation calls Keystone on the credential's Auth URL, as the token's user. */
export async function identityRequest<T = any>(
	ctx: OpenStackContext,
	call: Omit<OpenStackCall, 'service'>,
): Promise<T> {
	return await openStackRequest<T>(ctx, { ...call, service: 'identity' });
}

/** `/users/{id of the token's user}` */
export async function currentUserPath(ctx: OpenStackContext): Promise<string> {
	const session = await openStackSession(ctx);
	return `/users/${encodeURIComponent(session.user.id)}`;
}

/** A list Keystone answers whole, cut to "Limit". */
export function limited<T>(items: T[], limit: number | undefined): T[] {
	return limit === undefined ? items : items.slice(0, limit);
}

export type IdentityOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<unknown>;
