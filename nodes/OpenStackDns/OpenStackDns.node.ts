import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourceProperties, router } from './router';

export class OpenStackDns implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack DNS',
		name: 'openStackDns',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Designate: zones and record sets, with a create-or-update of the records of a name (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack DNS' },
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
					{ name: 'Record Set', value: 'recordSet' },
					{ name: 'Zone', value: 'zone' },
				],
				default: 'recordSet',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
