import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as resource from './actions/resource';
import { connect, type CloudCixClient } from './transport';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [...resource.description];

export const router = buildRouter<CloudCixClient>({
	properties: resourceProperties,
	operations: { resource: resource.operations },
	setup: connect,
});
