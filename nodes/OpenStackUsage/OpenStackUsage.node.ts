import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { openStackNode } from '../shared/openstack/node';
import { OPERATION_SUBTITLE } from '../shared/node/description';
import { router } from './router';

export class OpenStackUsage implements INodeType {
	description: INodeTypeDescription = {
		...openStackNode({
			name: 'openStackUsage',
			service: 'Usage',
			about:
				'Usage and quotas of the project: compute usage for a period, compute, block storage and network limits with usage, all in one item',
		}),
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		properties: router.properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
