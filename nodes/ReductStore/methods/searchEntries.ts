import { picker } from '../../shared/node/pickers';
import { bucketPath, reductRequest } from '../transport';

/** The entries of the bucket chosen in the same node, filtered by name. */
export const searchEntries = picker({
	within: 'bucket',
	page: async (ctx, _filter, _token, bucket) => {
		if (!/^[A-Za-z0-9_-]+$/.test(bucket)) return { items: [] };
		const { entries } = await reductRequest<{ entries?: Array<{ name: string }> }>(ctx, {
			path: bucketPath(bucket),
		});
		return { items: (entries ?? []).map((entry) => entry.name).sort((a, b) => a.localeCompare(b)) };
	},
	searchIn: (name) => [name],
});
