import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties, router } from './router';

export class OpenStackUsage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Usage',
		name: 'openStackUsage',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Usage and quotas of the project: compute usage for a period, compute, block storage and network limits with usage, all in one item (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Usage' },
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
					{ name: 'All', value: 'all' },
					{ name: 'Block Storage', value: 'blockStorage' },
					{ name: 'Compute', value: 'compute' },
					{ name: 'Network', value: 'network' },
				],
				default: 'all',
			},
			...resourceProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
