import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as all from './actions/all';
import * as blockStorage from './actions/blockStorage';
import * as compute from './actions/compute';
import * as network from './actions/network';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...all.description,
	...blockStorage.description,
	...compute.description,
	...network.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		all: all.operations,
		blockStorage: blockStorage.operations,
		compute: compute.operations,
		network: network.operations,
	},
});
