import { buildRouter } from '../shared/node/router';
import type { StorageDriver } from '../shared/storage/driver';
import { loadDriver } from '../shared/storage/loadDriver';
import * as container from './actions/container';
import * as object from './actions/object';

export const router = buildRouter<StorageDriver>({
	resources: [container, object],
	defaultResource: 'object',
	setup: async (ctx) => await loadDriver(ctx, ctx.getNodeParameter('backend', 0)),
	release: async (driver) => await driver.close(),
});
