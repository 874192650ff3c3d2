import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourceProperties, router } from './router';

export class OpenStackNetwork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Network',
		name: 'openStackNetwork',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Neutron and Octavia: networks, subnets, routers, security groups, floating IPs, ports and load balancers (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Network' },
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
					{ name: 'Floating IP', value: 'floatingIp' },
					{ name: 'Load Balancer', value: 'loadBalancer' },
					{ name: 'Network', value: 'network' },
					{ name: 'Port', value: 'port' },
					{ name: 'Router', value: 'router' },
					{ name: 'Security Group', value: 'securityGroup' },
					{ name: 'Security Group Rule', value: 'securityGroupRule' },
					{ name: 'Subnet', value: 'subnet' },
				],
				default: 'network',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
