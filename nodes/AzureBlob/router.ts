import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapItems } from '../shared/node/items';
import * as blob from './actions/blob';
import { relabel, type AzureOperation } from './actions/common';
import * as container from './actions/container';
import { loadConnection } from './connection';

const OPERATIONS: Record<string, Record<string, { execute: AzureOperation }>> = {
	container: container.operations,
	blob: blob.operations,
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
	const azure = await loadConnection(this);
	return [
		await mapItems(this, async (itemIndex) => {
			try {
				return await handler.execute.call(this, itemIndex, azure);
			} catch (error) {
				throw relabel(this.getNode(), error, itemIndex);
			}
		}),
	];
}
