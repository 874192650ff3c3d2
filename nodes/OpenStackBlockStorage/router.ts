import { buildRouter } from '../shared/node/router';
import * as backup from './actions/backup';
import * as snapshot from './actions/snapshot';
import * as volume from './actions/volume';

export const router = buildRouter({
	resources: [backup, snapshot, volume],
	defaultResource: 'volume',
});
