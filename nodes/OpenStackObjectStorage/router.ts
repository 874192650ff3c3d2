import { buildRouter } from '../shared/node/router';
import { SwiftClient } from '../shared/storage/drivers/swift/client';
import * as account from './actions/account';
import * as container from './actions/container';
import * as object from './actions/object';

export const router = buildRouter<SwiftClient>({
	resources: [account, container, object],
	defaultResource: 'object',
	setup: async (ctx) => new SwiftClient(ctx),
	// the storage layer's names of the objects; the containers' are the node's
	aliases: { key: 'object', sourceKey: 'sourceObject', targetKey: 'targetObject' },
});
