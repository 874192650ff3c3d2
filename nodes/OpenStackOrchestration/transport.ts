import type { IDataObject } from 'n8n-workflow';

import {
	openStackRequest,
	openStackRequestAll,
	type OpenStackCall,
	type OpenStackContext,
} from '../shared/openstack/request';

/**
 * Heat's v1 API through the shared OpenStack layer. The catalog's "orchestration" endpoint
 * already ends with the project (…/v1/{project_id}): paths start at /stacks or /validate.
 */

export type HeatCall = Omit<OpenStackCall, 'service'> & { path: string };

export async function heatRequest<T = IDataObject>(
	ctx: OpenStackContext,
	call: HeatCall,
): Promise<T> {
	return await openStackRequest<T>(ctx, { ...call, service: 'orchestration' });
}

/** A Heat list (`stacks`, `events`), page after page (limit/marker), up to `limit`. */
export async function heatRequestAll<T = IDataObject>(
	ctx: OpenStackContext,
	call: HeatCall,
	itemsKey: string,
	limit: number | undefined,
): Promise<T[]> {
	return await openStackRequestAll<T>(
		ctx,
		{ ...call, service: 'orchestration' },
		{ itemsKey, limit, pageSize: 500 },
	);
}
