import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as floatingIp from './actions/floatingIp';
import * as loadBalancer from './actions/loadBalancer';
import * as network from './actions/network';
import * as port from './actions/port';
import * as router_ from './actions/router';
import * as securityGroup from './actions/securityGroup';
import * as securityGroupRule from './actions/securityGroupRule';
import * as subnet from './actions/subnet';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...floatingIp.description,
	...loadBalancer.description,
	...network.description,
	...port.description,
	...router_.description,
	...securityGroup.description,
	...securityGroupRule.description,
	...subnet.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		floatingIp: floatingIp.operations,
		loadBalancer: loadBalancer.operations,
		network: network.operations,
		port: port.operations,
		router: router_.operations,
		securityGroup: securityGroup.operations,
		securityGroupRule: securityGroupRule.operations,
		subnet: subnet.operations,
	},
});
