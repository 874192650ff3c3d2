import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { openStackNode } from '../shared/openstack/node';
import { OPERATION_SUBTITLE } from '../shared/node/description';
import { listSearch, loadOptions } from './methods';
import { router } from './router';

export class OpenStackCompute implements INodeType {
	description: INodeTypeDescription = {
		...openStackNode({
			name: 'openStackCompute',
			service: 'Compute',
			about:
				'Nova: servers (create, start, stop, reboot, delete, console log), flavors, images and key pairs',
		}),
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		properties: router.properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
