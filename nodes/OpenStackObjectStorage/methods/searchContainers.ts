import { picker } from '../../shared/node/pickers';
import { SwiftClient } from '../../shared/storage/drivers/swift/client';
import { containerPage } from '../../shared/storage/drivers/swift/containers';

/** Containers whose name starts with the filter (Swift lists by prefix), page by page. */
export const searchContainers = picker({
	page: async (ctx, prefix, marker) => {
		const page = await containerPage(new SwiftClient(ctx), { prefix, marker, limit: 100 });
		return { items: page.containers.map((container) => container.name), next: page.nextMarker };
	},
});
