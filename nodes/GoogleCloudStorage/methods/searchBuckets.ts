import { picker } from '../../shared/node/pickers';
import { listBucketsPage } from '../../shared/storage/drivers/gcs/buckets';
import { withClient } from '../client';

/** The bucket picker: one page of the project's buckets, filtered by what the user typed. */
export const searchBuckets = picker({
	page: async (ctx, _filter, token) =>
		await withClient(ctx, async (client) => {
			const page = await listBucketsPage(client, { pageSize: 1000, pageToken: token });
			return { items: page.buckets.map((bucket) => bucket.name), next: page.nextPageToken };
		}),
	searchIn: (name) => [name],
});
