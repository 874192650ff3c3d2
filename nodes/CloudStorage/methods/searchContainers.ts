import { currentValue, picker } from '../../shared/node/pickers';
import { withDriver } from '../../shared/storage/loadDriver';

/** The backend's containers whose name contains the filter. */
export const searchContainers = picker({
	page: async (ctx) =>
		await withDriver(ctx, currentValue(ctx, 'backend'), async (driver) => ({
			items: (await driver.listContainers()).map((container) => container.name),
		})),
	searchIn: (name) => [name],
});
