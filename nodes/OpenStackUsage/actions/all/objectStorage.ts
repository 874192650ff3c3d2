import type { IDataObject } from 'n8n-workflow';

import { openStackRequest, type OpenStackContext } from '../../../shared/openstack/request';

const count = (headers: Record<string, unknown>, name: string) => {
	const value = Number(headers[name]);
	return Number.isFinite(value) ? value : 0;
};

/** The Swift account's totals (`HEAD` on the account): containers, objects, bytes. */
export async function objectStorageUsage(ctx: OpenStackContext): Promise<IDataObject> {
	const { headers } = await openStackRequest<{ headers: Record<string, unknown> }>(ctx, {
		service: 'object-store',
		method: 'HEAD',
		path: '',
		json: false,
		returnFullResponse: true,
	});
	const bytes = count(headers, 'x-account-bytes-used');
	return {
		containers: count(headers, 'x-account-container-count'),
		objects: count(headers, 'x-account-object-count'),
		bytes,
		gigabytes: Math.round((bytes / 1024 ** 3) * 1000) / 1000,
	};
}
