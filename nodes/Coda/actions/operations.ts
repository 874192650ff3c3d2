import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection as sharedOptionsCollection } from '../../shared/node/description';
import { getListLimit } from '../../shared/node/parameters';
import {
	codaPath,
	codaRequest,
	codaRequestAllItems,
	type CodaParameters,
	type CodaCall,
} from '../transport';
import {
	afterWrite,
	columnLocator,
	controlLocator,
	docLocator,
	formulaLocator,
	forOperation,
	getOptions,
	pageLocator,
	parametersOf,
	requireLocator,
	returnAllAndLimit,
	rowLocator,
	showFor,
	tableLocator,
	wantsWait,
	type LocatorName,
} from './common';

const LOCATORS: Record<LocatorName, () => INodeProperties> = {
	docId: docLocator,
	pageId: pageLocator,
	tableId: tableLocator,
	columnId: () => columnLocator(),
	rowId: rowLocator,
	formulaId: formulaLocator,
	controlId: controlLocator,
};

/** The folder of Coda's API each locator's id stands in: /docs/{docId}/tables/{tableId}/… */
const FOLDERS: Record<LocatorName, string> = {
	docId: 'docs',
	pageId: 'pages',
	tableId: 'tables',
	columnId: 'columns',
	rowId: 'rows',
	formulaId: 'formulas',
	controlId: 'controls',
};

/** The locator parameters of an operation, in the order n8n shows them. */
export const locatorsOf = (names: LocatorName[]): INodeProperties[] =>
	names.map((name) => LOCATORS[name]());

export interface Target {
	/** Each locator's value, by parameter name. */
	ids: Partial<Record<LocatorName, string>>;
	/** The path the locators name, every id URL-encoded. */
	path: string;
	/** Which parameters the ids came from, for 404/410 messages. */
	parameters: CodaParameters;
}

/** Reads the locators in order (an empty or bad one fails first) and the path they name. */
export function locate(ctx: IExecuteFunctions, itemIndex: number, names: LocatorName[]): Target {
	const ids: Target['ids'] = {};
	let path = '';
	for (const name of names) {
		const id = requireLocator(ctx, name, itemIndex);
		ids[name] = id;
		path += `/${FOLDERS[name]}` + codaPath`/${id}`;
	}
	return { ids, path, parameters: parametersOf(...names) };
}

/** Get: reads one thing named by its locators. */
export function getAction(resource: string, names: LocatorName[]) {
	return {
		description: forOperation(showFor(resource, 'get'), locatorsOf(names)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { path, parameters } = locate(this, itemIndex, names);
			return await codaRequest(this, { path, parameters });
		},
	};
}

interface ListSpec {
	/** The locators of the parent, e.g. the doc for its tables. */
	parents: LocatorName[];
	/** The folder below the parent, e.g. 'tables'. */
	folder: string;
	/** The options of the "Options" collection, if the list has one. */
	options?: INodeProperties[];
	/** The query an item's options ask for. */
	query?: (options: IDataObject) => IDataObject;
	/** More parameters the query may name, for 404/410 messages. */
	parameters?: CodaParameters;
	pageSize?: number;
}

/** The "Options" collection of a Coda operation. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties =>
	sharedOptionsCollection(options, 'Add Option');

/** List: every child of a parent, up to the limit, page after page. */
export function listAction(resource: string, spec: ListSpec) {
	return {
		description: forOperation(showFor(resource, 'list'), [
			...locatorsOf(spec.parents),
			...returnAllAndLimit,
			...(spec.options ? [optionsCollection(spec.options)] : []),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { path, parameters } = locate(this, itemIndex, spec.parents);
			return await codaRequestAllItems(
				this,
				{
					path: `${path}/${spec.folder}`,
					qs: spec.query?.(getOptions(this, itemIndex)),
					parameters: { ...parameters, ...spec.parameters },
				},
				getListLimit(this, itemIndex),
				spec.pageSize,
			);
		},
	};
}

/** The "Sort by Name" option of a list, and the query it asks for. */
export function sortByName(description: string): Required<Pick<ListSpec, 'options' | 'query'>> {
	return {
		options: [
			{
				displayName: 'Sort by Name',
				name: 'sortByName',
				type: 'boolean',
				default: false,
				description,
			},
		],
		query: (options) => (options.sortByName === true ? { sortBy: 'name' } : {}),
	};
}

/**
 * A write Coda queues: "Wait Until Applied" is read first, so a bad "Wait Timeout" fails before
 * anything is sent; then the locators, in order; then `send` makes the request and shapes the
 * result, to which `applied` is added when the user asked to wait.
 */
export async function queuedWrite(
	ctx: IExecuteFunctions,
	itemIndex: number,
	names: LocatorName[],
	send: (target: Target) => Promise<IDataObject>,
): Promise<IDataObject> {
	const wait = wantsWait(ctx, itemIndex);
	const target = locate(ctx, itemIndex, names);
	return await afterWrite(ctx, itemIndex, wait, await send(target));
}

/** Sends a queued write to the path its locators name. */
export async function writeTo(
	ctx: IExecuteFunctions,
	{ path, parameters }: Target,
	request: Omit<CodaCall, 'path'> & { below?: string },
): Promise<IDataObject> {
	const { below = '', ...rest } = request;
	return await codaRequest<IDataObject>(ctx, {
		...rest,
		path: path + below,
		parameters: { ...parameters, ...rest.parameters },
	});
}
