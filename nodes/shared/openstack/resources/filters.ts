import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findResource, type Finder } from './lookup';

/**
 * The "Filters" and "Options" collections of the infrastructure nodes, and how a list's filters
 * become the service's query: a name or status as given, a related resource (a volume, a
 * network, a server) by name or ID, looked up first.
 */

export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options,
	};
}

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** "Only the {plural} with exactly this name". */
export function nameFilter(plural: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: `Only the ${plural} with exactly this name`,
	};
}

/** A filter naming another resource, by name or ID ("Only the snapshots of this volume"). */
export function relatedFilter(
	displayName: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name: displayName.toLowerCase(),
		type: 'string',
		default: '',
		placeholder,
		description: `${description} (name or ID)`,
	};
}

/** A status filter from the service's own status names. */
export function statusFilter(
	statuses: Array<string | { name: string; value: string }>,
	defaultStatus: string,
	displayName = 'Status',
	name = 'status',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		options: statuses.map((status) =>
			typeof status === 'string' ? { name: status, value: status } : status,
		),
		default: defaultStatus,
	};
}

export interface RelatedRule {
	/** The query parameter that gets the resource's ID ('volume_id'). */
	query: string;
	finder: Finder<{ id: string }>;
	/** The filter as n8n shows it, for errors. */
	label: string;
}

/**
 * The filters the user set, as query parameters: `rules` maps each filter to its query parameter,
 * or to a related resource looked up by name or ID. Empty filters are left out.
 */
export async function filterQuery(
	ctx: IExecuteFunctions,
	itemIndex: number,
	rules: Record<string, string | RelatedRule>,
): Promise<IDataObject> {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	for (const [filter, rule] of Object.entries(rules)) {
		const value = filters[filter];
		if (value === undefined || value === null || String(value).trim() === '') continue;
		if (typeof rule === 'string') {
			query[rule] = typeof value === 'string' ? value.trim() : value;
			continue;
		}
		const found = await findResource(ctx, itemIndex, rule.label, rule.finder, String(value).trim());
		query[rule.query] = found.id;
	}
	return query;
}
