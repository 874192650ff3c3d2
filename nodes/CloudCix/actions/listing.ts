import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nameValueList } from '../../shared/node/description';
import { parameterError } from '../../shared/node/errors';
import type { ListMetadata } from '../transport';
import { filterParameters, readFilters } from './filters';

/**
 * What List and Get All share beyond the filters: the order, the options, and the output:
 * one item per record, CloudCIX's `_metadata.warnings` (filters it skipped) on every item and
 * as a hint in n8n's output pane, never dropped.
 */

const orderParameter: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'string',
	default: '',
	placeholder: 'e.g. -created',
	description:
		"The field to sort by, with - in front for descending. CloudCIX uses the service's default order for a field it does not allow.",
};

const queryParameters = nameValueList(
	'Query Parameters',
	'queryParameters',
	'Add Parameter',
	'Further query parameters CloudCIX documents for this service',
);

export function optionsParameter(forList: boolean): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...(forList
				? ([
						{
							displayName: 'Include Page Metadata',
							name: 'includeMetadata',
							type: 'boolean',
							default: false,
							description:
								"Whether to add CloudCIX's _metadata (total_records, page, limit, order, warnings) to every record",
						},
					] as INodeProperties[])
				: []),
			queryParameters,
			...(forList
				? ([
						{
							displayName: 'Stop on Filter Warnings',
							name: 'failOnWarnings',
							type: 'boolean',
							default: false,
							description:
								'Whether to fail when CloudCIX skipped a filter it does not allow, instead of returning the records without that filter (with the warning in _warnings)',
						},
					] as INodeProperties[])
				: []),
		],
	};
}

/** Query Parameters of the options; names the node sets itself are refused. */
export function readQueryParameters(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reserved: string[] = [],
): IDataObject {
	const entries = ctx.getNodeParameter(
		'options.queryParameters.entry',
		itemIndex,
		[],
	) as IDataObject[];
	const qs: IDataObject = {};
	for (const entry of entries) {
		const name = String(entry.name ?? '').trim();
		const fail = (problem: string) =>
			parameterError(ctx.getNode(), 'queryParameters', problem, itemIndex, 'Query Parameters');
		if (name === '') throw fail('a parameter has no name');
		if (reserved.includes(name)) throw fail(`${name} is set by the node's own parameters`);
		if (/^(search|exclude)\[/.test(name)) throw fail(`use Filters for ${name}`);
		if (name in qs) throw fail(`${name} is given twice`);
		qs[name] = String(entry.value ?? '');
	}
	return qs;
}

export interface ListOptions {
	includeMetadata: boolean;
	failOnWarnings: boolean;
}

export function readListOptions(ctx: IExecuteFunctions, itemIndex: number): ListOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		includeMetadata: options.includeMetadata === true,
		failOnWarnings: options.failOnWarnings === true,
	};
}

const hinted = new WeakMap<object, Set<string>>();

/**
 * Makes CloudCIX's warnings seen: a hint in the output pane (once per run), or an error with
 * "Stop on Filter Warnings".
 */
export function reportWarnings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	warnings: string[],
	options: ListOptions,
): void {
	if (warnings.length === 0) return;
	if (options.failOnWarnings) {
		throw new NodeOperationError(ctx.getNode(), `CloudCIX skipped filters: ${warnings.join(' ')}`, {
			itemIndex,
			description:
				'Check the "Filters" against the fields and lookups this service allows, or turn off "Stop on Filter Warnings".',
		});
	}
	const seen = hinted.get(ctx) ?? new Set<string>();
	hinted.set(ctx, seen);
	const fresh = warnings.filter((warning) => !seen.has(warning));
	if (fresh.length === 0 || typeof ctx.addExecutionHints !== 'function') return;
	fresh.forEach((warning) => seen.add(warning));
	ctx.addExecutionHints(
		...fresh.map((warning) => ({
			message: `CloudCIX: ${warning}`,
			type: 'warning' as const,
			location: 'outputPane' as const,
		})),
	);
}

export function warningsOf(metadata: ListMetadata): string[] {
	return Array.isArray(metadata.warnings) ? metadata.warnings.map(String) : [];
}

/** The output items of one page: the records, with the warnings and, on request, the metadata. */
export function recordItems(
	records: IDataObject[],
	metadata: ListMetadata,
	warnings: string[],
	options: ListOptions,
): IDataObject[] {
	return records.map((record) => ({
		...record,
		...(warnings.length > 0 ? { _warnings: warnings } : {}),
		...(options.includeMetadata ? { _metadata: metadata } : {}),
	}));
}

/** Order, Filters and Options: the parameters List and Get All share, after their paging. */
export const listingParameters: INodeProperties[] = [
	orderParameter,
	...filterParameters,
	optionsParameter(true),
];

/** The query of List and Get All beyond page and limit, and their options. */
export function readListing(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { qs: IDataObject; options: ListOptions } {
	const order = String(ctx.getNodeParameter('order', itemIndex, '')).trim();
	const filters = readFilters(ctx, itemIndex);
	const extra = readQueryParameters(ctx, itemIndex, ['page', 'limit', 'order']);
	return {
		qs: { ...extra, ...filters, ...(order ? { order } : {}) },
		options: readListOptions(ctx, itemIndex),
	};
}
