import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as bucket from './actions/bucket';
import * as entry from './actions/entry';
import * as record from './actions/record';
import * as replication from './actions/replication';
import * as server from './actions/server';
import * as token from './actions/token';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...bucket.description,
	...entry.description,
	...record.description,
	...replication.description,
	...server.description,
	...token.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		bucket: bucket.operations,
		entry: entry.operations,
		record: record.operations,
		replication: replication.operations,
		server: server.operations,
		token: token.operations,
	},
});
