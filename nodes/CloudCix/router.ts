import { buildRouter } from '../shared/node/router';
import * as resource from './actions/resource';
import { connect, type CloudCixClient } from './transport';

export const router = buildRouter<CloudCixClient>({
	resources: [resource],
	defaultResource: 'resource',
	setup: connect,
});
