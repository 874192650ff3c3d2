import { storageLocators } from '../../shared/node/storageLocators';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

export const { containerLocator, objectLocator: keyLocator } = storageLocators({
	container: {
		name: 'container',
		displayName: 'Container',
		description: 'The container (bucket) to use',
		searchMethod: 'searchContainers',
		placeholder: 'e.g. reports',
	},
	object: {
		name: 'key',
		displayName: 'Key',
		description: "The object's key (its path in the container, e.g. reports/2026/summary.pdf)",
		searchMethods: { own: 'searchObjects', source: 'searchSourceObjects' },
		typedMode: 'key',
	},
});
