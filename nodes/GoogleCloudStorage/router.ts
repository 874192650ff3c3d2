import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapItems } from '../shared/node/items';
import { StorageError } from '../shared/storage/errors';
import { gcsLabel } from '../shared/storage/drivers/gcs/names';
import * as bucket from './actions/bucket';
import type { GcsOperation } from './actions/common';
import * as object from './actions/object';
import { loadClient } from './client';

const OPERATIONS: Record<string, Record<string, { execute: GcsOperation }>> = {
	bucket: bucket.operations,
	object: object.operations,
};

/** A storage error, pointed at this node's parameter (its labels differ from the Cloud Storage node's). */
function relabel(ctx: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof StorageError)) return error;
	return new NodeOperationError(ctx.getNode(), error.message, {
		itemIndex,
		description: error.parameter ? `Check the parameter ${gcsLabel(error.parameter)}` : undefined,
	});
}

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
	const client = await loadClient(this);
	return [
		await mapItems(this, async (itemIndex) => {
			try {
				return await handler.execute.call(this, itemIndex, client);
			} catch (error) {
				throw relabel(this, error, itemIndex);
			}
		}),
	];
}
