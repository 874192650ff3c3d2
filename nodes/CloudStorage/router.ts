import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StorageDriver } from '../shared/storage/driver';
import { loadDriver } from '../shared/storage/loadDriver';
import { mapItems, type ItemResult } from '../shared/node/items';
import * as container from './actions/container';
import * as object from './actions/object';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	driver: StorageDriver,
) => Promise<ItemResult>;

const OPERATIONS: Record<string, Record<string, { execute: Operation }>> = {
	container: container.operations,
	object: object.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const driver = await loadDriver(this, this.getNodeParameter('backend', 0));
	return [
		await mapItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex, driver)),
	];
}
