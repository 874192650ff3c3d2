import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapItems, type ItemResult } from '../shared/node/items';
import * as bucket from './actions/bucket';
import * as entry from './actions/entry';
import * as record from './actions/record';
import * as replication from './actions/replication';
import * as server from './actions/server';
import * as token from './actions/token';

/** An operation run once per input item. */
interface ItemOperation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

/** An operation that handles all input items together (Write Many: one batched request). */
interface AllItemsOperation {
	executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

type Operation = ItemOperation | AllItemsOperation;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	bucket: bucket.operations,
	entry: entry.operations,
	record: record.operations,
	replication: replication.operations,
	server: server.operations,
	token: token.operations,
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
	if ('executeAll' in handler) return [await handler.executeAll.call(this)];
	return [await mapItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex))];
}
