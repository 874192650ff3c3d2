import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { withDriver } from '../../shared/storage/loadDriver';

export async function searchContainers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').toLowerCase();
	const containers = await withDriver(
		this,
		this.getCurrentNodeParameter('backend'),
		async (driver) => await driver.listContainers(),
	);
	return {
		results: containers
			.filter((container) => container.name.toLowerCase().includes(needle))
			.map((container) => ({ name: container.name, value: container.name })),
	};
}
