import type { IDataObject } from 'n8n-workflow';

import {
	openStackRequest,
	openStackRequestAll,
	openStackSession,
	serviceEndpoint,
	type OpenStackCall,
	type OpenStackContext,
} from '../shared/openstack/request';

/**
 * Designate's v2 API through the shared OpenStack layer. The catalog's "dns" endpoint is the
 * service root on most clouds (Infomaniak: https://api.pub1.infomaniak.cloud/dns/), with "/v2"
 * on some: paths are written from /v2 on, and the prefix is dropped when the endpoint has it.
 */

export type DnsCall = Omit<OpenStackCall, 'service'> & { path: string };

async function v2(ctx: OpenStackContext, path: string): Promise<string> {
	const base = serviceEndpoint(ctx, await openStackSession(ctx), 'dns');
	return /\/v2(\.0)?$/i.test(base) ? path : `/v2${path}`;
}

export async function dnsRequest<T = IDataObject>(
	ctx: OpenStackContext,
	call: DnsCall,
): Promise<T> {
	return await openStackRequest<T>(ctx, {
		...call,
		service: 'dns',
		path: await v2(ctx, call.path),
	});
}

/** A Designate list (`zones`, `recordsets`), page after page (limit/marker), up to `limit`. */
export async function dnsRequestAll<T = IDataObject>(
	ctx: OpenStackContext,
	call: DnsCall,
	itemsKey: string,
	limit: number | undefined,
): Promise<T[]> {
	return await openStackRequestAll<T>(
		ctx,
		{ ...call, service: 'dns', path: await v2(ctx, call.path) },
		{ itemsKey, limit, pageSize: 500 },
	);
}

/** A path segment with what was typed encoded. */
export const segment = (value: string) => encodeURIComponent(value);
