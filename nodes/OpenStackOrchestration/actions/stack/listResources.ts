import type { IExecuteFunctions } from 'n8n-workflow';

import {
	forOperation,
	returnAllAndLimit,
	showFor,
	collection,
} from '../../../shared/node/description';
import { getInteger, getListLimit } from '../../../shared/node/parameters';
import { openStackTime } from '../../../shared/openstack/dates';
import { resolveStack, stackLocator } from '../../stacks';
import { heatRequest } from '../../transport';

interface HeatResource {
	resource_name: string;
	logical_resource_id?: string;
	physical_resource_id?: string;
	resource_type?: string;
	resource_status?: string;
	resource_status_reason?: string | null;
	creation_time?: string | null;
	updated_time?: string | null;
	required_by?: string[];
	parent_resource?: string;
	stack_name?: string;
}

export const description = forOperation(showFor('stack', 'listResources'), [
	stackLocator,
	...returnAllAndLimit,
	collection('Options', [
		{
			displayName: 'Nested Depth',
			name: 'nestedDepth',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 0,
			description: 'How many levels of nested stacks to include (0: only this stack)',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const depth = getInteger(this, 'options.nestedDepth', itemIndex, {
		min: 0,
		max: 10,
		fallback: 0,
		label: 'Nested Depth',
	});
	const limit = getListLimit(this, itemIndex);
	const ref = await resolveStack(this, itemIndex);
	const { resources } = await heatRequest<{ resources: HeatResource[] }>(this, {
		path: `${ref.path}/resources`,
		qs: depth > 0 ? { nested_depth: depth } : undefined,
	});
	return (resources ?? []).slice(0, limit).map((resource) => ({
		name: resource.resource_name,
		type: resource.resource_type,
		status: resource.resource_status,
		statusReason: resource.resource_status_reason ?? null,
		physicalResourceId: resource.physical_resource_id || null,
		logicalResourceId: resource.logical_resource_id,
		requiredBy: resource.required_by ?? [],
		createdAt: openStackTime(resource.creation_time),
		updatedAt: openStackTime(resource.updated_time),
		stackId: ref.id,
		stackName: resource.stack_name ?? ref.name,
		...(resource.parent_resource ? { parentResource: resource.parent_resource } : {}),
	}));
}
