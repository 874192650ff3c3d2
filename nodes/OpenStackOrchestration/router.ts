import { buildRouter } from '../shared/node/router';
import * as stack from './actions/stack';
import * as template from './actions/template';

export const router = buildRouter({
	resources: [stack, template],
	defaultResource: 'stack',
});
