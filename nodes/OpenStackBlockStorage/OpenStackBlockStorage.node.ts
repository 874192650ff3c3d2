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

export class OpenStackBlockStorage implements INodeType {
	description: INodeTypeDescription = {
		...openStackNode({
			name: 'openStackBlockStorage',
			service: 'Block Storage',
			about: 'Cinder: volumes (create, extend, attach, detach, delete), snapshots and backups',
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
