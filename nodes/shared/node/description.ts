import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyMode,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Parameter-description building blocks every node of the pack uses. */

/** The display condition for one operation of one resource. */
export function showFor(resource: string, operation: string): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

/** Attaches an operation's display condition to each of its parameters (merged with their own). */
export function forOperation(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
		},
	}));
}

/**
 * The node's Resource picker, its choices in n8n's alphabetical order; hidden when the node has
 * one resource.
 */
export function resourcePicker(
	options: INodePropertyOptions[],
	defaultResource: string,
): INodeProperties {
	const picker = { displayName: 'Resource', name: 'resource', noDataExpression: true };
	if (options.length === 1) return { ...picker, type: 'hidden', default: defaultResource };
	const sorted = [...options].sort((a, b) => a.name.localeCompare(b.name));
	return { ...picker, type: 'options', options: sorted, default: defaultResource };
}

/** The subtitle n8n shows under a node of resources and operations. */
export const OPERATION_SUBTITLE = '={{$parameter["operation"] + ": " + $parameter["resource"]}}';

/**
 * What the description of every node of the pack says alike: version 1, one main input and one
 * main output, the node's name in new workflows (its display name without " (Cloud Pack)").
 */
export function nodeBasics(options: {
	displayName: string;
	name: string;
	description: string;
	group: 'input' | 'output' | 'transform';
}): Omit<INodeTypeDescription, 'properties'> {
	return {
		displayName: options.displayName,
		name: options.name,
		group: [options.group],
		version: 1,
		description: options.description,
		defaults: { name: options.displayName.replace(/ \(Cloud Pack\)$/, '') },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
}

/** One choice of a resource's Operation picker. */
export interface OperationOption extends INodePropertyOptions {
	action: string;
}

/** What a resource's operations act on: "a flavor", "flavors". */
interface Noun {
	one?: string;
	many?: string;
}

/** The usual operations, by value: their name in the picker and the noun form their action uses. */
const USUAL_OPERATIONS = {
	create: { name: 'Create', verb: 'Create', form: 'one' },
	delete: { name: 'Delete', verb: 'Delete', form: 'one' },
	get: { name: 'Get', verb: 'Get', form: 'one' },
	list: { name: 'Get Many', verb: 'Get many', form: 'many' },
	update: { name: 'Update', verb: 'Update', form: 'one' },
} as const satisfies Record<string, { name: string; verb: string; form: keyof Noun }>;

type UsualOperation = keyof typeof USUAL_OPERATIONS;

/**
 * The choices of an Operation picker: the usual ones (Create, Delete, Get, Get Many, Update of
 * `noun`, each with its help), and `others`, in n8n's alphabetical order. A usual operation
 * whose noun form is missing (Get Many without `many`) is a programming error, thrown when the
 * node's description is built.
 */
export function operationOptions(
	noun: Noun,
	usual: Partial<Record<UsualOperation, string>>,
	others: OperationOption[] = [],
): OperationOption[] {
	const known = (Object.keys(usual) as UsualOperation[]).map((value) => {
		const { name, verb, form } = USUAL_OPERATIONS[value];
		const word = noun[form];
		if (word === undefined) {
			throw new Error(`operationOptions: '${value}' needs the noun's '${form}' form`);
		}
		return { name, value, action: `${verb} ${word}`, description: usual[value] };
	});
	return [...known, ...others].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A resource's parameters (`actions/<resource>/index.ts`): its Operation picker, shown for the
 * resource, then `shared` (parameters every operation of the resource shows, e.g. an
 * application and a service), then the parameters of each operation.
 */
export function resourceDescription(
	resource: string,
	picker: { options: OperationOption[]; default: string },
	operations: Record<string, { description?: INodeProperties[] }>,
	shared: INodeProperties[] = [],
): INodeProperties[] {
	const forResource: IDisplayOptions = { show: { resource: [resource] } };
	return [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the resource's own default operation
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: forResource,
			options: picker.options,
			default: picker.default,
		},
		...forOperation(forResource, shared),
		...Object.values(operations).flatMap((operation) => operation.description ?? []),
	];
}

/** n8n's "Return All" / "Limit" pair; read it with `getListLimit`. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The modes in which a resource locator's value can be typed in. */
const TYPED_MODES = { name: 'By Name', key: 'By Key', id: 'By ID' } as const;

export interface ListLocatorOptions {
	name: string;
	displayName: string;
	description: string;
	/** The `listSearch` method behind the "From List" mode; without one the locator has no list mode. */
	searchMethod?: string;
	/** Placeholder of the typed mode. */
	placeholder: string;
	/** How the value is typed in: by name (the default), by key or by ID. Read it with `getLocatorValue`. */
	typedMode?: keyof typeof TYPED_MODES;
	/** The typed mode first and selected (object names and keys are mostly typed); else the list. */
	typedFirst?: boolean;
	/** Defaults to true. */
	required?: boolean;
	/** Further modes, after the list and typed ones (e.g. `urlMode`). */
	extraModes?: INodePropertyMode[];
}

/**
 * A resource locator (bucket, container, object, entry, doc… picker): "From List" backed by a
 * `listSearch` method, plus a typed mode. Its parameter name and mode names are what saved
 * workflows hold: keep them stable.
 */
export function listLocator(options: ListLocatorOptions): INodeProperties {
	const typedMode = options.typedMode ?? 'name';
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
	const typed: INodePropertyMode = {
		displayName: TYPED_MODES[typedMode],
		name: typedMode,
		type: 'string',
		placeholder: options.placeholder,
	};
	const list: INodePropertyMode[] = options.searchMethod
		? [
				// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: options.searchMethod, searchable: true },
				},
			]
		: [];
	const listFirst = list.length > 0 && !options.typedFirst;
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: listFirst ? 'list' : typedMode, value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [...(listFirst ? [...list, typed] : [typed, ...list]), ...(options.extraModes ?? [])],
	};
}

/** A locator of a stored object by its path (name or key): typed first, e.g. reports/2026/summary.pdf. */
export function pathLocator(
	options: Omit<ListLocatorOptions, 'placeholder' | 'typedFirst'>,
): INodeProperties {
	return listLocator({
		...options,
		placeholder: 'e.g. reports/2026/summary.pdf',
		typedFirst: true,
	});
}

/** A locator mode taking a link, the value being the regex's first group; any other text is refused. */
export function urlMode(options: {
	placeholder: string;
	regex: string;
	errorMessage: string;
}): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
	return {
		displayName: 'By URL',
		name: 'url',
		type: 'string',
		placeholder: options.placeholder,
		extractValue: { type: 'regex', regex: options.regex },
		validation: [
			{ type: 'regex', properties: { regex: options.regex, errorMessage: options.errorMessage } },
		],
	};
}

/** A list of name/value pairs (metadata, tags), its value `{ entry: [{ name, value }] }`. */
export function nameValueList(
	displayName: string,
	name: string,
	placeholder: string,
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder,
		...(description === undefined ? {} : { description }),
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/**
 * The output field, byte range and hash check of a Download operation (`binaryPropertyName`,
 * `useRange`, `rangeStart`, `rangeEnd`: -1 is the end, `verifyHash`). `what` names the thing downloaded in the help texts.
 */
export function downloadOutputAndRange(what: 'object' | 'blob'): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'The name of the output binary property to put the file in',
		},
		{
			displayName: 'Byte Range',
			name: 'useRange',
			type: 'boolean',
			default: false,
			description: `Whether to download only part of the ${what}`,
		},
		{
			displayName: 'Range Start',
			name: 'rangeStart',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `First byte to download (0 is the first byte of the ${what})`,
			displayOptions: { show: { useRange: [true] } },
		},
		{
			displayName: 'Range End',
			name: 'rangeEnd',
			type: 'number',
			typeOptions: { minValue: -1 },
			default: -1,
			description: `Last byte to download, inclusive; -1 means to the end of the ${what}`,
			displayOptions: { show: { useRange: [true] } },
		},
		{
			displayName: 'Verify Hash',
			name: 'verifyHash',
			type: 'boolean',
			default: true,
			description: `Whether to check the ${what}'s stored hash (MD5 or CRC32C) as the bytes arrive and fail the item on a mismatch; a byte range or a large object without a whole hash is marked "hashNotChecked"`,
		},
	];
}

/** An operation's "Options" collection. */
export function optionsCollection(
	options: INodeProperties[],
	placeholder = 'Add option',
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder,
		default: {},
		options,
	};
}

/** A polling trigger's output field, shown when its "download" switch is on. */
export const triggerOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	displayOptions: { show: { download: [true] } },
	description: 'The name of the output binary property',
};

/** The "New Name" of a rename (`newName` unless given), with its placeholder and help when given. */
export function newNameParameter(
	options: { name?: string; placeholder?: string; description?: string } = {},
): INodeProperties {
	const { name = 'newName', placeholder, description } = options;
	return {
		displayName: 'New Name',
		name,
		type: 'string',
		default: '',
		required: true,
		...(placeholder !== undefined ? { placeholder } : {}),
		...(description !== undefined ? { description } : {}),
	};
}

/** A container delete's "Force" switch; `description` says what it deletes first. */
export function forceParameter(description: string): INodeProperties {
	return { displayName: 'Force', name: 'force', type: 'boolean', default: false, description };
}

/** A container create's "Succeed If It Exists" switch (`ifNotExists`). */
export function succeedIfExistsParameter(description: string): INodeProperties {
	return {
		displayName: 'Succeed If It Exists',
		name: 'ifNotExists',
		type: 'boolean',
		default: false,
		description,
	};
}

/** A storage listing's parameters: the container, Return All and Limit, then its options. */
export function listingParameters(
	container: INodeProperties,
	options: INodeProperties[],
): INodeProperties[] {
	return [container, ...returnAllAndLimit, optionsCollection(options)];
}

/** The Delimiter and Prefix options of a key listing (S3 and Cloud Storage Get Many). */
export const keyListingOptions: INodeProperties[] = [
	{
		displayName: 'Delimiter',
		name: 'delimiter',
		type: 'string',
		default: '/',
		description:
			'Group keys that share a prefix up to this character into one "prefix" item, like folders',
	},
	{
		displayName: 'Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/',
		description: 'Only list keys that start with this',
	},
];

/** Cache Control, Content Disposition and Content Type of an upload; `contentTypeHelp` is what the last one says. */
export function contentHeaderOptions(contentTypeHelp: string): INodeProperties[] {
	return [
		{
			displayName: 'Cache Control',
			name: 'cacheControl',
			type: 'string',
			default: '',
			placeholder: 'e.g. max-age=3600',
		},
		{
			displayName: 'Content Disposition',
			name: 'contentDisposition',
			type: 'string',
			default: '',
			placeholder: 'e.g. attachment; filename="report.pdf"',
		},
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'string',
			default: '',
			placeholder: 'e.g. application/pdf',
			description: contentTypeHelp,
		},
	];
}

/** The usual collections of optional parameters, by the label n8n shows. */
const COLLECTIONS = {
	Options: { name: 'options', placeholder: 'Add option' },
	Filters: { name: 'filters', placeholder: 'Add filter' },
	'Update Fields': { name: 'updateFields', placeholder: 'Add field' },
} as const;

/** An "Options", "Filters" or "Update Fields" collection holding `options`. */
export function collection(
	displayName: keyof typeof COLLECTIONS,
	options: INodeProperties[],
): INodeProperties {
	return { displayName, ...COLLECTIONS[displayName], type: 'collection', default: {}, options };
}
