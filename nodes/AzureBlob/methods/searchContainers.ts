import { picker } from '../../shared/node/pickers';
import { listContainersPage } from '../../shared/storage/drivers/azure/containers';
import { withConnection } from '../connection';

/** Containers whose name starts with the filter, one page at a time. */
export const searchContainers = picker({
	page: async (ctx, prefix, token) =>
		await withConnection(ctx, async (azure) => {
			const page = await listContainersPage(azure, {
				prefix: prefix?.toLowerCase(),
				pageSize: 100,
				pageToken: token,
			});
			return {
				items: page.containers.map((container) => container.name),
				next: page.nextPageToken,
			};
		}),
});
