import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../node/parameters';
import { servicePages, serviceRequestAll, type ServiceCall, type ServiceName } from './api';

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
	/**
	 * Checks the list's filters on the node's side as well, for services that may ignore one
	 * (Cinder below microversion 3.31 drops filters its operator did not enable).
	 */
	keep?: (item: T) => boolean;
}

export async function listResources<T = IDataObject>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: ListSpec<T>,
): Promise<IDataObject[]> {
	const limit = getListLimit(ctx, itemIndex);
	const paging = { itemsKey: spec.itemsKey, pageSize: LIST_PAGE_SIZE, markerOf: spec.markerOf };
	if (!spec.keep) {
		const items = await serviceRequestAll<T>(ctx, spec.service, spec.call, { ...paging, limit });
		return items.map(spec.describe);
	}
	const kept: IDataObject[] = [];
	for await (const page of servicePages<T>(ctx, spec.service, spec.call, paging)) {
		for (const item of page) {
			if (!spec.keep(item)) continue;
			kept.push(spec.describe(item));
			if (limit !== undefined && kept.length >= limit) return kept;
		}
	}
	return kept;
}
