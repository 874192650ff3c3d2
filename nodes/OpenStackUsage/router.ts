import { buildRouter } from '../shared/node/router';
import * as all from './actions/all';
import * as blockStorage from './actions/blockStorage';
import * as compute from './actions/compute';
import * as network from './actions/network';

export const router = buildRouter({
	resources: [all, blockStorage, compute, network],
	defaultResource: 'all',
});
