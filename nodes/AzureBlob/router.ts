import { buildRouter } from '../shared/node/router';
import { closeAzureConnection, type AzureConnection } from '../shared/storage/drivers/azure/client';
import * as blob from './actions/blob';
import { relabel } from './actions/common';
import * as container from './actions/container';
import { loadConnection } from './connection';

export const router = buildRouter<AzureConnection>({
	resources: { container, blob },
	setup: loadConnection,
	release: closeAzureConnection,
	mapError: (ctx, error, itemIndex) => relabel(ctx.getNode(), error, itemIndex),
});
