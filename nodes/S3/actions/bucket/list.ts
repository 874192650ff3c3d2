import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import type { S3Service } from '../../../shared/storage/drivers/s3';
import { forOperation, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('bucket', 'list');

export const description: INodeProperties[] = forOperation(displayOptions, [...returnAllAndLimit]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const limit = getListLimit(this, itemIndex);
	const buckets = await s3.listBuckets();
	return limit === undefined ? buckets : buckets.slice(0, limit);
}
