import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { ObjectInfo, StorageDriver } from '../../shared/storage/driver';
import { withDriver } from '../../shared/storage/loadDriver';
import { followPages } from '../../shared/storage/pages';
import { toNodeError } from '../../shared/node/errors';
import { keyBinary } from '../../shared/node/fileName';
import { detectChanges, initialState, type PollState } from './changeDetector';

async function listAll(
	driver: StorageDriver,
	container: string,
	prefix: string,
): Promise<ObjectInfo[]> {
	return await followPages(async (pageSize, pageToken) => {
		const page = await driver.listObjects(container, {
			prefix: prefix || undefined,
			pageToken,
			pageSize,
		});
		return { entries: page.objects, nextPageToken: page.nextPageToken };
	});
}

async function toItem(
	ctx: IPollFunctions,
	driver: StorageDriver,
	object: ObjectInfo,
): Promise<INodeExecutionData> {
	if (!(ctx.getNodeParameter('download', false) as boolean)) return { json: object as IDataObject };
	const property = String(ctx.getNodeParameter('binaryPropertyName', 'data'));
	const { info, stream } = await driver.download(object.container, object.key);
	const binary = await keyBinary(ctx, stream, object.key, info.contentType);
	return { json: info as IDataObject, binary: { [property]: binary } };
}

/** One poll: new or changed objects since the last one; nothing on the first, in active mode. */
export async function pollObjects(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		return await withDriver(this, this.getNodeParameter('backend'), async (driver) => {
			const container = this.getNodeParameter('container', '', { extractValue: true }) as string;
			const prefix = this.getNodeParameter('prefix', '') as string;
			const settleMs =
				1000 * Number((this.getNodeParameter('options', {}) as IDataObject).settleSeconds ?? 3600);
			const objects = await listAll(driver, container, prefix);
			const staticData = this.getWorkflowStaticData('node') as { state?: PollState };

			if (this.getMode() === 'manual') {
				// "Fetch Test Event": show the newest object so the user sees real data.
				const newest = [...objects].sort((a, b) =>
					String(b.lastModified).localeCompare(String(a.lastModified)),
				)[0];
				return newest ? [[await toItem(this, driver, newest)]] : null;
			}
			if (!staticData.state) {
				staticData.state = initialState(objects, settleMs, Date.now());
				return null;
			}
			const { changed, state } = detectChanges(staticData.state, objects, settleMs);
			const items: INodeExecutionData[] = [];
			for (const object of changed) items.push(await toItem(this, driver, object));
			// Only move the state forward once every item is ready: a failed poll is retried whole.
			staticData.state = state;
			return items.length > 0 ? [items] : null;
		});
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
