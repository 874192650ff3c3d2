import { buildRouter } from '../shared/node/router';
import * as bucket from './actions/bucket';
import * as entry from './actions/entry';
import * as record from './actions/record';
import * as replication from './actions/replication';
import * as server from './actions/server';
import * as token from './actions/token';

export const router = buildRouter({
	resources: [bucket, entry, record, replication, server, token],
	defaultResource: 'record',
});
