import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';
import { nameValueList } from '../../shared/node/description';
import { APPLICATIONS, CUSTOM_APPLICATION } from '../catalogue';

/**
 * Which CloudCIX service a request goes to: Application, Service (path), the URL IDs its path
 * needs and the record ID. Everything is checked before anything is sent.
 */

export const applicationParameters: INodeProperties[] = [
	{
		displayName: 'Application',
		name: 'application',
		type: 'options',
		options: [
			...APPLICATIONS.map((app) => ({
				name: app.name,
				value: app.value,
				description: `At https://${app.value}.api.cloudcix.com/`,
			})),
			{
				name: 'Custom',
				value: CUSTOM_APPLICATION,
				description: 'Another CloudCIX application, by name',
			},
		],
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are built from the catalogue, which has Membership
		default: 'membership',
		description: 'The CloudCIX application; each has its own host',
	},
	{
		displayName: 'Application Name',
		name: 'customApplication',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. helpdesk',
		description: 'The name that goes in front of the API host: https://{name}.api.cloudcix.com/',
		displayOptions: { show: { application: [CUSTOM_APPLICATION] } },
	},
	{
		displayName: 'Service',
		name: 'service',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The service path below the application, e.g. department/ or address/{address_id}/link/ ({placeholders} are filled from URL IDs)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchServices', searchable: true },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. address/{address_id}/link/',
			},
		],
	},
	nameValueList(
		'URL IDs',
		'urlIds',
		'Add URL ID',
		'Values for the {placeholders} of the service path other than the record ID, e.g. address_id = 12 for address/{address_id}/link/',
	),
];

export interface Target {
	application: string;
	/** The service path, placeholders filled and encoded, ending in "/". */
	path: string;
}

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readApplication(ctx: IExecuteFunctions, itemIndex: number): string {
	const selected = String(ctx.getNodeParameter('application', itemIndex, '')).trim();
	const custom = selected === CUSTOM_APPLICATION;
	const name = custom
		? String(ctx.getNodeParameter('customApplication', itemIndex, '')).trim()
		: selected;
	const parameter = custom ? 'customApplication' : 'application';
	const label = custom ? 'Application Name' : 'Application';
	if (name === '') throw parameterError(ctx.getNode(), parameter, 'it is empty', itemIndex, label);
	if (!LABEL.test(name.toLowerCase())) {
		throw parameterError(
			ctx.getNode(),
			parameter,
			`"${name}" is not an application name (letters, digits and dashes, as in https://{name}.api.cloudcix.com/)`,
			itemIndex,
			label,
		);
	}
	return name.toLowerCase();
}

function serviceError(ctx: IExecuteFunctions, itemIndex: number, problem: string) {
	return parameterError(ctx.getNode(), 'service', problem, itemIndex, 'Service');
}

function readUrlIds(ctx: IExecuteFunctions, itemIndex: number): Map<string, string> {
	const entries = ctx.getNodeParameter('urlIds.entry', itemIndex, []) as IDataObject[];
	const ids = new Map<string, string>();
	for (const entry of entries) {
		const name = String(entry.name ?? '')
			.trim()
			.replace(/^\{(.*)\}$/, '$1');
		const value = String(entry.value ?? '').trim();
		const fail = (problem: string) =>
			parameterError(ctx.getNode(), 'urlIds', problem, itemIndex, 'URL IDs');
		if (!IDENTIFIER.test(name)) throw fail(`"${name}" is not a placeholder name like address_id`);
		if (ids.has(name)) throw fail(`${name} is given twice`);
		if (value === '') throw fail(`${name} has no value`);
		ids.set(name, value);
	}
	return ids;
}

/** The service path with its placeholders filled from URL IDs, every segment encoded. */
export function buildServicePath(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: string,
	ids: Map<string, string>,
): string {
	const trimmed = raw.trim().replace(/^\/+/, '');
	if (trimmed === '' || trimmed === '/') throw serviceError(ctx, itemIndex, 'it is empty');
	if (/[?#]|:\/\/|\\/.test(trimmed)) {
		throw serviceError(
			ctx,
			itemIndex,
			`"${raw}" must be a path below the application, like department/ (no host, query or #)`,
		);
	}
	const used = new Set<string>();
	const segments = trimmed.replace(/\/+$/, '').split('/');
	const path = segments.map((segment) => {
		if (segment === '' || segment === '.' || segment === '..')
			throw serviceError(ctx, itemIndex, `"${raw}" has an empty, "." or ".." segment`);
		const filled = segment.replace(PLACEHOLDER, (_match, name: string) => {
			if (!IDENTIFIER.test(name))
				throw serviceError(ctx, itemIndex, `"{${name}}" in "${raw}" is not a placeholder name`);
			const value = ids.get(name);
			if (value === undefined) {
				throw parameterError(
					ctx.getNode(),
					'urlIds',
					`the service path ${raw} needs a value for ${name}: add it as a URL ID`,
					itemIndex,
					'URL IDs',
				);
			}
			used.add(name);
			return `\u0000${encodeURIComponent(value)}\u0000`;
		});
		if (/[{}]/.test(filled)) throw serviceError(ctx, itemIndex, `"${raw}" has an unmatched { or }`);
		return filled
			.split('\u0000')
			.map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part)))
			.join('');
	});
	const unused = [...ids.keys()].filter((name) => !used.has(name));
	if (unused.length > 0) {
		throw parameterError(
			ctx.getNode(),
			'urlIds',
			`the service path ${raw} has no placeholder for ${unused.join(', ')}`,
			itemIndex,
			'URL IDs',
		);
	}
	return `${path.join('/')}/`;
}

export function readTarget(ctx: IExecuteFunctions, itemIndex: number): Target {
	const application = readApplication(ctx, itemIndex);
	const raw = ctx.getNodeParameter('service', itemIndex, '', { extractValue: true }) as unknown;
	const service = typeof raw === 'string' ? raw : String(raw ?? '');
	return {
		application,
		path: buildServicePath(ctx, itemIndex, service, readUrlIds(ctx, itemIndex)),
	};
}

/** The record ID parameters of Read, Update, Partial Update, Delete and Head. */
export function idParameters(required: boolean): INodeProperties[] {
	return [
		...(required
			? [
					{
						displayName: 'Without ID',
						name: 'withoutId',
						type: 'boolean',
						default: false,
						description:
							"Whether the service path itself names the record, so no ID is added (e.g. address/{address_id}/link/; pk=None in CloudCIX's Python client)",
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			default: '',
			required,
			placeholder: 'e.g. 42',
			description: required
				? 'The ID (pk) of the record'
				: 'The ID (pk) of the record; empty to check the service itself (its list)',
			...(required ? { displayOptions: { show: { withoutId: [false] } } } : {}),
		},
	];
}

/**
 * The record's path: the service path plus the encoded ID. `required` (Read, Update, Partial
 * Update, Delete) refuses an empty ID unless "Without ID" is on.
 */
export function readRecordPath(
	ctx: IExecuteFunctions,
	itemIndex: number,
	target: Target,
	required: boolean,
): { path: string; id?: string } {
	if (required && (ctx.getNodeParameter('withoutId', itemIndex, false) as boolean))
		return { path: target.path };
	const raw = ctx.getNodeParameter('id', itemIndex, '') as unknown;
	const id = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '').trim();
	if (id === '') {
		if (!required) return { path: target.path };
		throw parameterError(
			ctx.getNode(),
			'id',
			typeof raw === 'string' || raw === undefined || raw === null
				? 'it is empty: give the ID of the record (or turn on "Without ID" for a service path that names the record)'
				: `${JSON.stringify(raw)} is not an ID`,
			itemIndex,
			'ID',
		);
	}
	return { path: `${target.path}${encodeURIComponent(id)}/`, id };
}

/** What to check when CloudCIX cannot find the service or record. */
export function notFoundHint(id: string | undefined): string {
	return id === undefined
		? 'Check the "Application", "Service" and "URL IDs".'
		: 'Check the "ID", and the "Application", "Service" and "URL IDs".';
}
