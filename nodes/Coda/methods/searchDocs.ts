import { picker } from '../../shared/node/pickers';
import { codaRequestPage } from '../transport';
import type { CodaRef } from './docPicker';

/** Docs whose name contains the filter (Coda searches), page by page. */
export const searchDocs = picker<CodaRef>({
	page: async (ctx, filter, token) => {
		const page = await codaRequestPage<CodaRef>(
			ctx,
			{ path: '/docs', qs: filter ? { query: filter } : {} },
			token,
			50,
		);
		return { items: page.items, next: page.nextPageToken };
	},
	result: (doc) => ({ name: doc.name, value: doc.id, url: doc.browserLink }),
});
