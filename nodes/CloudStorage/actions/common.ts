import type { INodeProperties } from 'n8n-workflow';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

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

