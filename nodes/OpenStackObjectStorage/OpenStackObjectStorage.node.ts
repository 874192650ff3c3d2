import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { openStackNode } from '../shared/openstack/node';
import { OPERATION_SUBTITLE } from '../shared/node/description';
import { listSearch } from './methods';
import { router } from './router';

export class OpenStackObjectStorage implements INodeType {
	description: INodeTypeDescription = {
		...openStackNode({
			name: 'openStackObjectStorage',
			service: 'Object Storage',
			group: 'output',
			about: 'Containers and objects on OpenStack Swift',
		}),
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		properties: router.properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
