import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../node/parameters';
import { serviceRequestAll, type ServiceCall, type ServiceName } from './api';

/**
 * A "Get Many" of the infrastructure nodes: Return All / Limit, pages of up to 1,000 (the usual
 * server-side cap) followed by marker, one output item per resource.
 */

export const LIST_PAGE_SIZE = 1000;

export interface ListSpec<T> {
	service: ServiceName;
	call: ServiceCall;
	itemsKey: string;
	/** The `marker` of the next page (the item's ID by default). */
	markerOf?: (item: T) => string | undefined;
	describe: (item: T) => IDataObject;
}

export async function listResources<T = IDataObject>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: ListSpec<T>,
): Promise<IDataObject[]> {
	const items = await serviceRequestAll<T>(ctx, spec.service, spec.call, {
		itemsKey: spec.itemsKey,
		limit: getListLimit(ctx, itemIndex),
		pageSize: LIST_PAGE_SIZE,
		markerOf: spec.markerOf,
	});
	return items.map(spec.describe);
}
