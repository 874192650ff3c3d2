import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as flavor from './actions/flavor';
import * as image from './actions/image';
import * as keyPair from './actions/keyPair';
import * as server from './actions/server';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...flavor.description,
	...image.description,
	...keyPair.description,
	...server.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		flavor: flavor.operations,
		image: image.operations,
		keyPair: keyPair.operations,
		server: server.operations,
	},
});
