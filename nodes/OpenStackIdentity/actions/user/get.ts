import type { IExecuteFunctions } from 'n8n-workflow';

import { openStackSession, unlessStatus } from '../../../shared/openstack/request';
import { describeSession } from '../../../shared/openstack/session';
import { currentUserPath, forOperation, identityRequest, showFor } from '../common';

export const description = forOperation(showFor('user', 'getCurrent'), []);

interface KeystoneUser {
	id: string;
	name?: string;
	domain_id?: string;
	enabled?: boolean;
	email?: string;
	description?: string;
	default_project_id?: string;
	password_expires_at?: string | null;
	options?: Record<string, unknown>;
}

/** The token's user, project, roles and expiry (never the token), with Keystone's record of the user. */
export async function execute(this: IExecuteFunctions) {
	const session = await openStackSession(this);
	// Some clouds do not let a user read their own record; the token still says who they are.
	const path = await currentUserPath(this);
	const user = (
		await unlessStatus(
			403,
			async () => await identityRequest<{ user: KeystoneUser }>(this, { path }),
		)
	)?.user;
	return {
		...describeSession(session),
		user: {
			...session.user,
			...(user
				? {
						name: user.name ?? session.user.name,
						enabled: user.enabled,
						email: user.email,
						description: user.description,
						defaultProjectId: user.default_project_id,
						passwordExpiresAt: user.password_expires_at ?? null,
					}
				: {}),
		},
	};
}
