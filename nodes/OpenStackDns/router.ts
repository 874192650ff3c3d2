import { buildRouter } from '../shared/node/router';
import * as recordSet from './actions/recordSet';
import * as zone from './actions/zone';

export const router = buildRouter({
	resources: [recordSet, zone],
	defaultResource: 'recordSet',
});
