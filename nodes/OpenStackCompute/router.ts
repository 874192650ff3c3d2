import { buildRouter } from '../shared/node/router';
import * as flavor from './actions/flavor';
import * as image from './actions/image';
import * as keyPair from './actions/keyPair';
import * as server from './actions/server';

export const router = buildRouter({
	resources: [flavor, image, keyPair, server],
	defaultResource: 'server',
});
