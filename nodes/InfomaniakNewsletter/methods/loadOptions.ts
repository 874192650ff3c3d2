import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiPath, newsletterClient, newsletterRequestAll } from '../transport';

async function options(ctx: ILoadOptionsFunctions, kind: 'groups' | 'segments') {
	const items = await newsletterRequestAll<IDataObject>(ctx, await newsletterClient(ctx), {
		path: apiPath`/${kind}`,
	});
	return items
		.map((item) => ({ name: String(item.name ?? item.id), value: Number(item.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every mailing list of the domain, for multi-selects. */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'groups');
}

/** Every segment of the domain, for multi-selects. */
export async function getSegments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options(this, 'segments');
}
