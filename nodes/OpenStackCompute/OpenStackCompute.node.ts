import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { resourceProperties, router } from './router';

export class OpenStackCompute implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Compute',
		name: 'openStackCompute',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Nova: servers (create, start, stop, reboot, delete, console log), flavors, images and key pairs (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Compute' },
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
					{ name: 'Flavor', value: 'flavor' },
					{ name: 'Image', value: 'image' },
					{ name: 'Key Pair', value: 'keyPair' },
					{ name: 'Server', value: 'server' },
				],
				default: 'server',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
