import { buildRouter } from '../shared/node/router';
import type { StorageDriver } from '../shared/storage/driver';
import { loadDriver } from '../shared/storage/loadDriver';
import * as container from './actions/container';
import * as object from './actions/object';

export const router = buildRouter<StorageDriver>({
	operations: { container: container.operations, object: object.operations },
	setup: async (ctx) => await loadDriver(ctx, ctx.getNodeParameter('backend', 0)),
});
