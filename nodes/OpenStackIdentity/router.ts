import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as applicationCredential from './actions/applicationCredential';
import * as ec2Credential from './actions/ec2Credential';
import * as project from './actions/project';
import * as user from './actions/user';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...applicationCredential.description,
	...ec2Credential.description,
	...project.description,
	...user.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		applicationCredential: applicationCredential.operations,
		ec2Credential: ec2Credential.operations,
		project: project.operations,
		user: user.operations,
	},
});
