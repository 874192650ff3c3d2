import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { loadDriver } from '../../shared/storage/loadDriver';

export async function searchContainers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const driver = await loadDriver(this, this.getCurrentNodeParameter('backend'));
	const needle = (filter ?? '').toLowerCase();
	const containers = await driver.listContainers();
	return {
		results: containers
			.filter((container) => container.name.toLowerCase().includes(needle))
			.map((container) => ({ name: container.name, value: container.name })),
	};
}
