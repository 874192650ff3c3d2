import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { listLocator } from '../../shared/node/description';
import { parameterError, requireChange } from '../../shared/node/errors';
import { getInteger, getListLimit } from '../../shared/node/parameters';
import { withIsoDates } from '../dates';
import {
	apiPath,
	bracketQuery,
	DEFAULT_TASK_TIMEOUT_SECONDS,
	newsletterRequestAll,
	type NewsletterCall,
	type NewsletterClient,
} from '../transport';
import { checkEmail } from '../validation';

export { forOperation, returnAllAndLimit, showFor } from '../../shared/node/description';

/** Labels of the locators, as n8n shows them (errors name them). */
export const LABELS = {
	campaignId: 'Campaign',
	groupId: 'Mailing List',
	subscriberId: 'Subscriber',
	segmentId: 'Segment',
} as const;

export const campaignLocator = (): INodeProperties =>
	listLocator({
		name: 'campaignId',
		displayName: LABELS.campaignId,
		description: 'The campaign, picked from the list or by its ID',
		searchMethod: 'searchCampaigns',
		placeholder: 'e.g. 12345',
		typedMode: 'id',
	});

export const groupLocator = (
	description = 'The mailing list (Infomaniak calls them groups), picked from the list or by its ID',
): INodeProperties =>
	listLocator({
		name: 'groupId',
		displayName: LABELS.groupId,
		description,
		searchMethod: 'searchGroups',
		placeholder: 'e.g. 678',
		typedMode: 'id',
	});

export const segmentLocator = (required = true): INodeProperties =>
	listLocator({
		name: 'segmentId',
		displayName: LABELS.segmentId,
		description: 'The segment, picked from the list or by its ID',
		searchMethod: 'searchSegments',
		placeholder: 'e.g. 42',
		typedMode: 'id',
		required,
	});

/** A subscriber by ID or by e-mail address. */
export const subscriberLocator = (): INodeProperties =>
	listLocator({
		name: 'subscriberId',
		displayName: LABELS.subscriberId,
		description: 'The subscriber, by ID or by e-mail address',
		placeholder: 'e.g. 123456',
		typedMode: 'id',
		extraModes: [
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
			{
				displayName: 'By E-Mail',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. jane@example.com',
			},
		],
	});

/** The id a locator holds, refusing anything but a positive whole number. */
export function locatorId(
	ctx: IExecuteFunctions,
	name: keyof typeof LABELS,
	itemIndex: number,
): number {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	if (text === '')
		throw parameterError(ctx.getNode(), name, 'it must not be empty', itemIndex, LABELS[name]);
	if (!/^\d+$/.test(text) || Number(text) <= 0)
		throw parameterError(ctx.getNode(), name, `"${text}" is not an ID`, itemIndex, LABELS[name]);
	return Number(text);
}

/** The subscriber with this exact e-mail address, whatever its status; undefined when none. */
export async function findSubscriberByEmail(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	email: string,
): Promise<IDataObject | undefined> {
	const found = await newsletterRequestAll<IDataObject>(ctx, client, {
		path: apiPath`/subscribers`,
		qs: bracketQuery('filter', { search: email, status: 'all' }),
	});
	const wanted = email.toLowerCase();
	return found.find((subscriber) => String(subscriber.email).toLowerCase() === wanted);
}

/** The id of the subscriber a locator names (by ID, or by e-mail address looked up first). */
export async function subscriberIdOf(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	itemIndex: number,
): Promise<number> {
	const locator = ctx.getNodeParameter('subscriberId', itemIndex) as INodeParameterResourceLocator;
	if (locator?.mode !== 'email') return locatorId(ctx, 'subscriberId', itemIndex);
	const email = checkEmail(ctx, locator.value, 'subscriberId', itemIndex, LABELS.subscriberId);
	const subscriber = await findSubscriberByEmail(ctx, client, email);
	if (!subscriber)
		throw parameterError(
			ctx.getNode(),
			'subscriberId',
			`no subscriber has the e-mail address ${email}`,
			itemIndex,
			LABELS.subscriberId,
		);
	return Number(subscriber.id);
}

/** A collection parameter (options, filters), empty when unset. */
export function getOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name = 'options',
): IDataObject {
	return (ctx.getNodeParameter(name, itemIndex, {}) ?? {}) as IDataObject;
}

/** "Wait Until Finished" and its timeout, for the operations that start an asynchronous task. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Finished',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until Infomaniak has finished the task (it runs in the background) before continuing',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TASK_TIMEOUT_SECONDS,
		description: 'How long to wait at most; the task goes on in the background after that',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

/** The wait settings: undefined when the user does not want to wait. */
export function readWait(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (!(ctx.getNodeParameter('waitForCompletion', itemIndex, false) as boolean)) return undefined;
	return getInteger(ctx, 'waitTimeout', itemIndex, {
		min: 1,
		fallback: DEFAULT_TASK_TIMEOUT_SECONDS,
	});
}

/** Subscriber fields as name/value pairs: `{ entry: [{ name, value }] }` → `{ name: value }`. */
export function readFields(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
	label: string,
): IDataObject {
	const entries = ((value as { entry?: Array<{ name?: unknown; value?: unknown }> })?.entry ??
		[]) as Array<{ name?: unknown; value?: unknown }>;
	const fields: IDataObject = {};
	for (const entry of entries) {
		const key = String(entry.name ?? '').trim();
		if (key === '')
			throw parameterError(ctx.getNode(), name, 'a field has no name', itemIndex, label);
		fields[key] = entry.value === undefined || entry.value === null ? '' : String(entry.value);
	}
	return fields;
}

/** The "Filters" collection of a list operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** A "Search" filter (Infomaniak's `filter[search]`). */
export function searchFilter(description: string): INodeProperties {
	return { displayName: 'Search', name: 'search', type: 'string', default: '', description };
}

/** The text of the "Search" filter, trimmed. */
export const searchText = (filters: IDataObject): string => String(filters.search ?? '').trim();

/** A list operation's result: every page of `call` up to the limit, dates also in ISO form. */
export async function listItems(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	call: NewsletterCall,
	itemIndex: number,
): Promise<IDataObject[]> {
	const items = await newsletterRequestAll<IDataObject>(
		ctx,
		client,
		call,
		getListLimit(ctx, itemIndex),
	);
	return withIsoDates(items);
}

const EXPRESSION_LINK = '<a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A multi-select of the domain's mailing lists (or segments), IDs also by expression. */
export function idsOption(
	kind: 'groups' | 'segments',
	displayName: string,
	name: string,
	purpose: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: kind === 'groups' ? 'getGroups' : 'getSegments' },
		default: [],
		description: `${purpose}. Choose from the list, or specify IDs using an ${EXPRESSION_LINK}.`,
	};
}

/** Update operations refuse to send an empty change. */
export function requireChanges(ctx: IExecuteFunctions, body: IDataObject, itemIndex: number): void {
	requireChange(
		ctx,
		body,
		itemIndex,
		'updateFields',
		'give at least one field to change',
		'Update Fields',
	);
}
