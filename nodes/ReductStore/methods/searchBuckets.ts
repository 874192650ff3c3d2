import { picker } from '../../shared/node/pickers';
import { reductRequest } from '../transport';

/** The buckets the credential's token can read, filtered by name. */
export const searchBuckets = picker({
	page: async (ctx) => {
		const { buckets } = await reductRequest<{ buckets?: Array<{ name: string }> }>(ctx, {
			path: '/list',
		});
		return { items: (buckets ?? []).map((bucket) => bucket.name) };
	},
	searchIn: (name) => [name],
});
