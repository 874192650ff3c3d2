import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listLocator } from '../shared/node/description';
import { parameterError } from '../shared/node/errors';
import { openStackTime } from '../shared/openstack/dates';
import { checked } from './inputs';
import { completeZoneName } from './names';
import { dnsRequest, segment } from './transport';
import { waitUntilActive } from './waiting';
import type { OpenStackContext } from '../shared/openstack/request';

/** A zone as Designate's v2 API returns it. */
export interface DesignateZone {
	id: string;
	name: string;
	email?: string | null;
	ttl?: number | null;
	serial?: number;
	status?: string;
	action?: string;
	description?: string | null;
	type?: string;
	pool_id?: string;
	project_id?: string;
	masters?: string[];
	version?: number;
	created_at?: string | null;
	updated_at?: string | null;
	transferred_at?: string | null;
}

export const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export const zoneNameHint =
	'A trailing dot is added when missing: example.com becomes example.com.';

export const zoneLocator: INodeProperties = listLocator({
	name: 'zone',
	displayName: 'Zone',
	description: 'The zone, from the list, by name (e.g. example.com.) or by ID',
	searchMethod: 'searchZones',
	placeholder: 'e.g. example.com.',
	typedMode: 'name',
	extraModes: [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a86dba58-0043-4cc6-a1bb-69d5e86f3ca3',
		},
	],
});

/** The zone in the node's words; times as ISO 8601. */
export function describeZone(zone: DesignateZone): IDataObject {
	return {
		id: zone.id,
		name: zone.name,
		email: zone.email ?? null,
		ttl: zone.ttl ?? null,
		serial: zone.serial,
		status: zone.status,
		action: zone.action,
		description: zone.description ?? null,
		type: zone.type,
		masters: zone.masters ?? [],
		poolId: zone.pool_id,
		projectId: zone.project_id,
		version: zone.version,
		createdAt: openStackTime(zone.created_at),
		updatedAt: openStackTime(zone.updated_at),
		transferredAt: openStackTime(zone.transferred_at),
	};
}

export async function getZoneById(ctx: IExecuteFunctions, id: string): Promise<DesignateZone> {
	return await dnsRequest<DesignateZone>(ctx, { path: `/zones/${segment(id)}` });
}

export async function findZoneByName(
	ctx: OpenStackContext,
	name: string,
): Promise<DesignateZone | undefined> {
	const { zones } = await dnsRequest<{ zones: DesignateZone[] }>(ctx, {
		path: '/zones',
		qs: { name },
	});
	return (zones ?? []).find((zone) => zone.name.toLowerCase() === name.toLowerCase());
}

/** The zone the "Zone" parameter names (by list, name or ID), read from Designate. */
export async function resolveZone(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter = 'zone',
): Promise<DesignateZone> {
	const raw = ctx.getNodeParameter(parameter, itemIndex) as INodeParameterResourceLocator | string;
	const mode = typeof raw === 'object' && raw !== null ? raw.mode : 'name';
	const value = String((typeof raw === 'object' && raw !== null ? raw.value : raw) ?? '').trim();
	if (!value)
		throw parameterError(ctx.getNode(), parameter, 'it must not be empty', itemIndex, 'Zone');
	if (mode !== 'name' || UUID.test(value)) {
		if (!UUID.test(value))
			throw parameterError(
				ctx.getNode(),
				parameter,
				`"${value}" is not a zone ID`,
				itemIndex,
				'Zone',
			);
		return await getZoneById(ctx, value);
	}
	const name = checked(ctx, itemIndex, 'Zone', (fail) => completeZoneName(value, fail));
	const zone = await findZoneByName(ctx, name);
	if (!zone) {
		throw new NodeOperationError(ctx.getNode(), `There is no zone "${name}" in this project`, {
			itemIndex,
			description: 'Check the parameter "Zone" (and the project of the OpenStack credential)',
		});
	}
	return zone;
}

/** The zone's ID without reading it when the parameter holds one. */
export async function resolveZoneId(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const raw = ctx.getNodeParameter('zone', itemIndex) as INodeParameterResourceLocator | string;
	const value = String((typeof raw === 'object' && raw !== null ? raw.value : raw) ?? '').trim();
	if (UUID.test(value)) return value;
	return (await resolveZone(ctx, itemIndex)).id;
}

/** Waits, when asked, until the zone is ACTIVE; returns it as it stands then. */
export async function settledZone(
	ctx: IExecuteFunctions,
	itemIndex: number,
	zone: DesignateZone,
): Promise<DesignateZone> {
	if (!(ctx.getNodeParameter('waitUntilActive', itemIndex, false) as boolean)) return zone;
	return await waitUntilActive(
		ctx,
		itemIndex,
		`zone "${zone.name}"`,
		async () => await getZoneById(ctx, zone.id),
	);
}
