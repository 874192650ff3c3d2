import { buildRouter } from '../shared/node/router';
import { closeGcsClient, type GcsClient } from '../shared/storage/drivers/gcs/client';
import * as bucket from './actions/bucket';
import * as object from './actions/object';
import { loadClient } from './client';

export const router = buildRouter<GcsClient>({
	resources: [bucket, object],
	defaultResource: 'object',
	setup: loadClient,
	release: closeGcsClient,
});
