import { buildRouter } from '../shared/node/router';
import * as applicationCredential from './actions/applicationCredential';
import * as ec2Credential from './actions/ec2Credential';
import * as project from './actions/project';
import * as user from './actions/user';

export const router = buildRouter({
	resources: [applicationCredential, ec2Credential, project, user],
	defaultResource: 'user',
});
