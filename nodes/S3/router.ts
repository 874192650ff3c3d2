import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared/node/errors';
import { mapItems, type ItemResult } from '../shared/node/items';
import type { S3Service } from '../shared/storage/drivers/s3';
import * as bucket from './actions/bucket';
import { inBucketTerms, type S3Operation } from './actions/common';
import * as object from './actions/object';
import { s3ServiceFor } from './methods/service';

const OPERATIONS: Record<string, Record<string, { execute: S3Operation }>> = {
	bucket: bucket.operations,
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
	let s3: S3Service;
	try {
		s3 = await s3ServiceFor(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	try {
		return [
			await mapItems(this, async (itemIndex) => {
				try {
					return (await handler.execute.call(this, itemIndex, s3)) as ItemResult;
				} catch (error) {
					throw inBucketTerms(error);
				}
			}),
		];
	} finally {
		s3.destroy();
	}
}
