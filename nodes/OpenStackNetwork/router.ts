import { buildRouter } from '../shared/node/router';
import * as floatingIp from './actions/floatingIp';
import * as loadBalancer from './actions/loadBalancer';
import * as network from './actions/network';
import * as port from './actions/port';
import * as router_ from './actions/router';
import * as securityGroup from './actions/securityGroup';
import * as securityGroupRule from './actions/securityGroupRule';
import * as subnet from './actions/subnet';

export const router = buildRouter({
	resources: [
		floatingIp,
		loadBalancer,
		network,
		port,
		router_,
		securityGroup,
		securityGroupRule,
		subnet,
	],
	defaultResource: 'network',
});
