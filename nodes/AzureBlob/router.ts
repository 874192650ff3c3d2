import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import { closeAzureConnection, type AzureConnection } from '../shared/storage/drivers/azure/client';
import * as blob from './actions/blob';
import { relabel } from './actions/common';
import * as container from './actions/container';
import { loadConnection } from './connection';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...container.description,
	...blob.description,
];

export const router = buildRouter<AzureConnection>({
	properties: resourceProperties,
	operations: { container: container.operations, blob: blob.operations },
	setup: loadConnection,
	release: closeAzureConnection,
	mapError: (ctx, error, itemIndex) => relabel(ctx.getNode(), error, itemIndex),
});
