import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import { SwiftClient } from '../shared/storage/drivers/swift/client';
import * as account from './actions/account';
import { inSwiftTerms } from './actions/common';
import * as container from './actions/container';
import * as object from './actions/object';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...account.description,
	...container.description,
	...object.description,
];

export const router = buildRouter<SwiftClient>({
	properties: resourceProperties,
	operations: {
		account: account.operations,
		container: container.operations,
		object: object.operations,
	},
	setup: async (ctx) => new SwiftClient(ctx),
	mapError: (_ctx, error) => inSwiftTerms(error),
});
