import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourceProperties, router } from './router';

export class OpenStackIdentity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Identity',
		name: 'openStackIdentity',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Keystone: the current user, projects, application credentials and EC2 credentials (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Identity' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackOpenStackApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Application Credential', value: 'applicationCredential' },
					{ name: 'EC2 Credential', value: 'ec2Credential' },
					{ name: 'Project', value: 'project' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
