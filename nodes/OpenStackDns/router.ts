import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as recordSet from './actions/recordSet';
import * as zone from './actions/zone';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...recordSet.description,
	...zone.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: { recordSet: recordSet.operations, zone: zone.operations },
});
