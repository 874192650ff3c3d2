import { picker } from '../../shared/node/pickers';
import type { HeatStack } from '../stacks';
import { heatRequest } from '../transport';

const PAGE = 200;

/** The project's stacks whose name contains the filter, a page at a time. */
export const searchStacks = picker<HeatStack>({
	page: async (ctx, _filter, marker) => {
		const { stacks } = await heatRequest<{ stacks: HeatStack[] }>(ctx, {
			path: '/stacks',
			qs: { limit: PAGE, sort_keys: 'name', sort_dir: 'asc', ...(marker ? { marker } : {}) },
		});
		const items = stacks ?? [];
		return { items, next: items.length === PAGE ? items[items.length - 1].id : undefined };
	},
	searchIn: (stack) => [stack.stack_name],
	result: (stack) => ({ name: `${stack.stack_name} (${stack.stack_status})`, value: stack.id }),
});
