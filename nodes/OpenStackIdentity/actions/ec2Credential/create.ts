import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { OPENSTACK_CREDENTIAL, cloudTarget } from '../../../shared/openstack/cloud';
import { openStackSession } from '../../../shared/openstack/request';
import { currentUserPath, forOperation, identityRequest, showFor } from '../common';
import { describeEc2Credential, type KeystoneEc2Credential } from './shared';

export const description = forOperation(showFor('ec2Credential', 'create'), [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		placeholder: 'e.g. c4fdc1bcf30541048ca086d7332a57e3',
		description: "The project the keys act in; empty for the credential's project",
	},
]);

/**
 * `POST /v3/users/{user_id}/credentials/OS-EC2` with `tenant_id`: Keystone generates the access
 * key and secret (the seed client's `/v3/credentials` with an empty blob generates nothing).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const session = await openStackSession(this);
	const projectId =
		String(this.getNodeParameter('projectId', itemIndex, '')).trim() || session.project.id;
	if (!/^[0-9a-zA-Z_-]{1,64}$/.test(projectId)) {
		throw parameterError(
			this.getNode(),
			'Project ID',
			`"${projectId}" is not a project ID`,
			itemIndex,
		);
	}
	const { credential } = await identityRequest<{ credential: KeystoneEc2Credential }>(this, {
		method: 'POST',
		path: `${await currentUserPath(this)}/credentials/OS-EC2`,
		body: { tenant_id: projectId },
	});
	const preset = cloudTarget(await this.getCredentials(OPENSTACK_CREDENTIAL)).preset;
	return {
		...describeEc2Credential(credential),
		secret: credential.secret,
		usage: preset
			? `For the Cloud Pack S3 API credential: provider "Infomaniak Object Storage", cluster ${preset.value === 'infomaniakPub2' ? 'Pub2' : 'Pub1'} (${preset.s3Endpoint}), Access Key ID = access, Secret Access Key = secret.`
			: 'For the Cloud Pack S3 API credential (provider "Other S3-Compatible Storage", the cloud\'s S3 endpoint): Access Key ID = access, Secret Access Key = secret.',
		...(preset?.s3Endpoint ? { s3Endpoint: preset.s3Endpoint, s3Region: preset.region } : {}),
	};
}
