import { buildRouter } from '../shared/node/router';
import { SwiftClient } from '../shared/storage/drivers/swift/client';
import * as account from './actions/account';
import { inSwiftTerms } from './actions/common';
import * as container from './actions/container';
import * as object from './actions/object';

export const router = buildRouter<SwiftClient>({
	operations: {
		account: account.operations,
		container: container.operations,
		object: object.operations,
	},
	setup: async (ctx) => new SwiftClient(ctx),
	mapError: (_ctx, error) => inSwiftTerms(error),
});
