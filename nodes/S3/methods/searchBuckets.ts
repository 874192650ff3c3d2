import { picker } from '../../shared/node/pickers';
import { withS3 } from './service';

/** The account's buckets whose name contains the filter. */
export const searchBuckets = picker({
	page: async (ctx) =>
		await withS3(ctx, async (s3) => ({
			items: (await s3.listBuckets()).map((bucket) => bucket.name),
		})),
	searchIn: (name) => [name],
});
