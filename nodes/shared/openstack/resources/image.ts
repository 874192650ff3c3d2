import { serviceRequest } from './api';
import { UUID, unlessMissing, type Finder } from './lookup';
import type { NamedResource } from './network';

/** Glance images (through the catalog's image service), found by ID or by name. */
export const imageFinder: Finder<NamedResource> = {
	kind: 'image',
	idPattern: UUID,
	byId: async (ctx, id) =>
		await unlessMissing(
			async () =>
				await serviceRequest<NamedResource>(ctx, 'image', {
					path: `/images/${encodeURIComponent(id)}`,
				}),
		),
	byName: async (ctx, name) =>
		(
			await serviceRequest<{ images: NamedResource[] }>(ctx, 'image', {
				path: '/images',
				qs: { name },
			})
		).images ?? [],
	idOf: (image) => image.id,
	nameOf: (image) => image.name,
};
