import { currentValue, picker, type PickerSpec } from '../../shared/node/pickers';
import { withDriver } from '../../shared/storage/loadDriver';

/** One page of the keys starting with the filter: one page, however large the container. */
const keys: PickerSpec<string>['page'] = async (ctx, prefix, token, container) =>
	await withDriver(ctx, currentValue(ctx, 'backend'), async (driver) => {
		const page = await driver.listObjects(container, { prefix, pageSize: 100, pageToken: token });
		return { items: page.objects.map((object) => object.key), next: page.nextPageToken };
	});

export const searchObjects = picker({ within: 'container', page: keys });

/** The source-object picker of Copy, in the source container. */
export const searchSourceObjects = picker({ within: 'sourceContainer', page: keys });
