import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as backup from './actions/backup';
import * as snapshot from './actions/snapshot';
import * as volume from './actions/volume';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...backup.description,
	...snapshot.description,
	...volume.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		backup: backup.operations,
		snapshot: snapshot.operations,
		volume: volume.operations,
	},
});
