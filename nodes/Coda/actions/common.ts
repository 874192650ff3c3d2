import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';
import { getInteger, getLocatorValue } from '../../shared/node/parameters';
import {
	DEFAULT_WAIT_TIMEOUT_SECONDS,
	waitForMutation,
	type CodaParameters,
	type MutationStatus,
} from '../transport';
import { listLocator, urlMode } from '../../shared/node/description';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

/** Labels of the locator parameters, as n8n shows them (errors name them). */
export const LABELS = {
	docId: 'Doc',
	pageId: 'Page',
	tableId: 'Table',
	columnId: 'Column',
	rowId: 'Row',
	formulaId: 'Formula',
	controlId: 'Control',
} as const;

export type LocatorName = keyof typeof LABELS;

const BROWSER_LINK = /^https?:\/\/(?:[\w-]+\.)*coda\.io\/.+/i;
const DOC_LINK = /^https?:\/\/(?:[\w-]+\.)*coda\.io\/d\/(?:[^/?#]*_d)?([\w-]+)/i;

interface LocatorSpec {
	name: LocatorName;
	description: string;
	searchListMethod?: string;
	placeholder: string;
	/** Regex pulling the id out of a Coda browser link. */
	urlRegex?: string;
}

function locator(spec: LocatorSpec): INodeProperties {
	return listLocator({
		name: spec.name,
		displayName: LABELS[spec.name],
		description: spec.description,
		searchMethod: spec.searchListMethod,
		placeholder: spec.placeholder,
		typedMode: 'id',
		extraModes: spec.urlRegex
			? [
					urlMode({
						placeholder: 'e.g. https://coda.io/d/Project-Tracker_dAbCDeFGH',
						regex: spec.urlRegex,
						errorMessage: 'Not a Coda doc URL',
					}),
				]
			: [],
	});
}

export const docLocator = (): INodeProperties =>
	locator({
		name: 'docId',
		description: 'The Coda doc',
		searchListMethod: 'searchDocs',
		placeholder: 'e.g. AbCDeFGH',
		urlRegex: 'https?://(?:[\\w-]+\\.)*coda\\.io/d/(?:[^/?#]*_d)?([\\w-]+)',
	});

export const pageLocator = (): INodeProperties =>
	locator({
		name: 'pageId',
		description: 'The page, by ID or name',
		searchListMethod: 'searchPages',
		placeholder: 'e.g. canvas-IjkLmnO',
	});

export const tableLocator = (): INodeProperties =>
	locator({
		name: 'tableId',
		description: 'The table or view, by ID or name',
		searchListMethod: 'searchTables',
		placeholder: 'e.g. grid-pqRst-U',
	});

export const columnLocator = (description = 'The column, by ID or name'): INodeProperties =>
	locator({
		name: 'columnId',
		description,
		searchListMethod: 'searchColumns',
		placeholder: 'e.g. c-tuVwxYz',
	});

export const rowLocator = (): INodeProperties =>
	locator({
		name: 'rowId',
		description: 'The row, by ID or by the value of its display column',
		searchListMethod: 'searchRows',
		placeholder: 'e.g. i-tuVwxYz',
	});

export const formulaLocator = (): INodeProperties =>
	locator({
		name: 'formulaId',
		description: 'The named formula, by ID or name',
		placeholder: 'e.g. f-fgHijkLm',
	});

export const controlLocator = (): INodeProperties =>
	locator({
		name: 'controlId',
		description: 'The control, by ID or name',
		placeholder: 'e.g. ctrl-cDefGhij',
	});

/** A locator's value, refusing an empty one with an error naming the parameter. */
export function requireLocator(
	ctx: IExecuteFunctions,
	name: LocatorName,
	itemIndex: number,
): string {
	let value = getLocatorValue(ctx, name, itemIndex);
	if (name === 'docId') value = DOC_LINK.exec(value)?.[1] ?? value;
	if (!value)
		throw parameterError(ctx.getNode(), name, 'it must not be empty', itemIndex, LABELS[name]);
	if (BROWSER_LINK.test(value) && name !== 'docId') {
		throw parameterError(
			ctx.getNode(),
			name,
			'give an ID or a name, not a link',
			itemIndex,
			LABELS[name],
		);
	}
	return value;
}

/** Which parameters the ids of a request came from, for 404/410 messages. */
export function parametersOf(...names: LocatorName[]): CodaParameters {
	const kinds: Record<LocatorName, keyof CodaParameters> = {
		docId: 'doc',
		pageId: 'page',
		tableId: 'table',
		columnId: 'column',
		rowId: 'row',
		formulaId: 'formula',
		controlId: 'control',
	};
	return Object.fromEntries(names.map((name) => [kinds[name], LABELS[name]]));
}

/** "Wait Until Applied" and its timeout, for every write Coda queues (202 + requestId). */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Applied',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until Coda has applied the change (Coda queues writes and applies them within seconds) before continuing',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: DEFAULT_WAIT_TIMEOUT_SECONDS,
		description: 'How long to wait for Coda to apply the change before failing',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

export function wantsWait(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { wait: boolean; timeoutSeconds: number } {
	const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	const timeoutSeconds = wait
		? getInteger(ctx, 'waitTimeout', itemIndex, {
				min: 1,
				max: 3600,
				fallback: DEFAULT_WAIT_TIMEOUT_SECONDS,
			})
		: DEFAULT_WAIT_TIMEOUT_SECONDS;
	return { wait, timeoutSeconds };
}

/**
 * Adds `applied` (and Coda's warning) to a write's result when the user asked to wait. `wait`
 * comes from wantsWait, read before the write.
 */
export async function afterWrite(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ wait, timeoutSeconds }: ReturnType<typeof wantsWait>,
	result: IDataObject,
): Promise<IDataObject> {
	const requestId = typeof result.requestId === 'string' ? result.requestId : undefined;
	if (!wait || !requestId) return result;
	const status: MutationStatus = await waitForMutation(ctx, requestId, timeoutSeconds, itemIndex);
	return { ...result, applied: true, ...(status.warning ? { warning: status.warning } : {}) };
}

/** Reads an options collection as an object. */
export function getOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name = 'options',
): IDataObject {
	return (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}

/** Copies the given keys from `source` into a query/body object, skipping empty values. */
export function pick(source: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) {
		const value = source[key];
		if (value === undefined || value === null || value === '') continue;
		result[key] = typeof value === 'string' ? value.trim() : value;
	}
	return result;
}
