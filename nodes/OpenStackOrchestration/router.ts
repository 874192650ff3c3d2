import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as stack from './actions/stack';
import * as template from './actions/template';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...stack.description,
	...template.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: { stack: stack.operations, template: template.operations },
});
