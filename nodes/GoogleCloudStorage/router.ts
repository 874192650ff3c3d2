import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import { StorageError } from '../shared/storage/errors';
import { gcsLabel } from '../shared/storage/drivers/gcs/names';
import { closeGcsClient, type GcsClient } from '../shared/storage/drivers/gcs/client';
import * as bucket from './actions/bucket';
import * as object from './actions/object';
import { loadClient } from './client';

/** A storage error, pointed at this node's parameter (its labels differ from the Cloud Storage node's). */
function relabel(ctx: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof StorageError)) return error;
	return new NodeOperationError(ctx.getNode(), error.message, {
		itemIndex,
		description: error.parameter ? `Check the parameter ${gcsLabel(error.parameter)}` : undefined,
	});
}

export const router = buildRouter<GcsClient>({
	resources: { bucket, object },
	setup: loadClient,
	release: closeGcsClient,
	mapError: relabel,
});
