import { buildRouter } from '../shared/node/router';
import type { S3Service } from '../shared/storage/drivers/s3';
import * as bucket from './actions/bucket';
import { inBucketTerms } from './actions/common';
import * as object from './actions/object';
import { s3ServiceFor } from './methods/service';

export const router = buildRouter<S3Service>({
	resources: [bucket, object],
	defaultResource: 'object',
	setup: s3ServiceFor,
	release: (s3) => s3.destroy(),
	aliases: { container: 'bucket' },
	mapError: (_ctx, error) => inBucketTerms(error),
});
