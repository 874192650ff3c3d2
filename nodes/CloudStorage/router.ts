import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import type { StorageDriver } from '../shared/storage/driver';
import { loadDriver } from '../shared/storage/loadDriver';
import * as container from './actions/container';
import * as object from './actions/object';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...container.description,
	...object.description,
];

export const router = buildRouter<StorageDriver>({
	properties: resourceProperties,
	operations: { container: container.operations, object: object.operations },
	setup: async (ctx) => await loadDriver(ctx, ctx.getNodeParameter('backend', 0)),
	release: async (driver) => await driver.close(),
});
