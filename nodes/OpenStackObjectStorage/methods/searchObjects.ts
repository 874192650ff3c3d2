import { picker, type PickerSpec } from '../../shared/node/pickers';
import type { ListedObject } from '../../shared/storage/drivers/swift/bulk';
import { SwiftClient } from '../../shared/storage/drivers/swift/client';

const PAGE = 100;

/** One page of the names starting with the filter; the next starts after the last name. */
const names: PickerSpec<string>['page'] = async (ctx, prefix, marker, container) => {
	const swift = new SwiftClient(ctx);
	const entries = await swift.listPage<ListedObject>(swift.path(container), {
		limit: PAGE,
		...(prefix ? { prefix } : {}),
		...(marker ? { marker } : {}),
	});
	const items = entries.flatMap((entry) => (entry.name === undefined ? [] : [entry.name]));
	return { items, next: entries.length >= PAGE ? entries[entries.length - 1].name : undefined };
};

/** Objects of the chosen container whose name starts with the filter. */
export const searchObjects = picker({ within: 'container', page: names });

/** Objects of the chosen source container (Copy). */
export const searchSourceObjects = picker({ within: 'sourceContainer', page: names });
