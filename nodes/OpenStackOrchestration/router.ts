import { buildRouter } from '../shared/node/router';
import * as stack from './actions/stack';
import * as template from './actions/template';

export const router = buildRouter({
	operations: { stack: stack.operations, template: template.operations },
});
