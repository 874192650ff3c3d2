import type { INodeProperties } from 'n8n-workflow';

import { listLocator, pathLocator } from '../../shared/node/description';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

export function containerLocator(name = 'container', displayName = 'Container'): INodeProperties {
	const description = 'The container (bucket) to use';
	return listLocator({
		name,
		displayName,
		description,
		searchMethod: 'searchContainers',
		placeholder: 'e.g. reports',
	});
}

export function keyLocator(
	name = 'key',
	displayName = 'Key',
	containerParameter = 'container',
): INodeProperties {
	const description = "The object's key (its path in the container, e.g. reports/2026/summary.pdf)";
	const searchMethod = containerParameter === 'container' ? 'searchObjects' : 'searchSourceObjects';
	return pathLocator({ name, displayName, description, searchMethod, typedMode: 'key' });
}
