import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	forOperation,
	returnAllAndLimit,
	showFor,
	collection,
} from '../../../shared/node/description';
import { getListLimit } from '../../../shared/node/parameters';
import { openStackTime } from '../../../shared/openstack/dates';
import { resolveStack, stackLocator } from '../../stacks';
import { heatRequestAll } from '../../transport';

interface HeatEvent {
	id: string;
	event_time?: string;
	resource_name: string;
	logical_resource_id?: string;
	physical_resource_id?: string;
	resource_status?: string;
	resource_status_reason?: string | null;
	resource_type?: string;
}

export const description = forOperation(showFor('stack', 'listEvents'), [
	stackLocator,
	...returnAllAndLimit,
	collection('Options', [
		{
			displayName: 'Oldest First',
			name: 'oldestFirst',
			type: 'boolean',
			default: false,
			description: 'Whether to list the oldest events first (else the newest first)',
		},
		{
			displayName: 'Resource Name',
			name: 'resourceName',
			type: 'string',
			default: '',
			description: 'Only the events of this resource',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Complete', value: 'COMPLETE' },
				{ name: 'Failed', value: 'FAILED' },
				{ name: 'In Progress', value: 'IN_PROGRESS' },
			],
			default: 'FAILED',
			description: 'Only events that reached this status',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		sort_dir: options.oldestFirst === true ? 'asc' : 'desc',
		sort_keys: 'event_time',
	};
	if (options.resourceName) qs.resource_name = String(options.resourceName).trim();
	if (options.status) qs.resource_status = options.status;
	const limit = getListLimit(this, itemIndex);
	const ref = await resolveStack(this, itemIndex);
	const events = await heatRequestAll<HeatEvent>(
		this,
		{ path: `${ref.path}/events`, qs },
		'events',
		limit,
	);
	return events.map((event) => ({
		id: event.id,
		time: openStackTime(event.event_time),
		resourceName: event.resource_name,
		resourceType: event.resource_type,
		status: event.resource_status,
		statusReason: event.resource_status_reason ?? null,
		physicalResourceId: event.physical_resource_id || null,
		logicalResourceId: event.logical_resource_id,
		stackId: ref.id,
		stackName: ref.name,
	}));
}
