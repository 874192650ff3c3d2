import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The display condition for one operation of one resource. */
export function showFor(resource: string, operation: string): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

/** Attaches an operation's display condition to each of its parameters. */
export function forOperation(displayOptions: IDisplayOptions, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, ...property.displayOptions?.show } },
	}));
}

export function containerLocator(name = 'container', displayName = 'Container'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The container (bucket) to use',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchContainers', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. reports' },
		],
	};
}

export function keyLocator(name = 'key', displayName = 'Key', containerParameter = 'container'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'key', value: '' },
		required: true,
		description: 'The object\'s key (its path in the container, e.g. reports/2026/summary.pdf)',
		modes: [
			{ displayName: 'By Key', name: 'key', type: 'string', placeholder: 'e.g. reports/2026/summary.pdf' },
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: containerParameter === 'container' ? 'searchObjects' : 'searchSourceObjects',
					searchable: true,
				},
			},
		],
	};
}

export const binaryPropertyName = (displayName: string, description: string): INodeProperties => ({
	displayName,
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description,
});

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
