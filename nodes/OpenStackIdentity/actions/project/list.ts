import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { unlessStatus } from '../../../shared/openstack/request';
import {
	currentUserPath,
	forOperation,
	identityRequest,
	limited,
	returnAllAndLimit,
	showFor,
} from '../common';

export const description = forOperation(showFor('project', 'list'), [...returnAllAndLimit]);

interface KeystoneProject {
	id: string;
	name: string;
	domain_id?: string;
	description?: string;
	enabled?: boolean;
	parent_id?: string;
	is_domain?: boolean;
	tags?: string[];
}

type ProjectList = { projects: KeystoneProject[] };

/**
 * The projects of the token's user: `/v3/users/{id}/projects` (a member may not call
 * `/v3/projects`), else `/v3/auth/projects` where a cloud refuses the first.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const limit = getListLimit(this, itemIndex);
	const path = `${await currentUserPath(this)}/projects`;
	const { projects } =
		(await unlessStatus(403, async () => await identityRequest<ProjectList>(this, { path }))) ??
		(await identityRequest<ProjectList>(this, { path: '/auth/projects' }));
	return limited(projects ?? [], limit).map((project) => ({
		id: project.id,
		name: project.name,
		domainId: project.domain_id,
		description: project.description,
		enabled: project.enabled,
		parentId: project.parent_id,
		tags: project.tags,
	}));
}
