import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourceProperties, router } from './router';

export class OpenStackBlockStorage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Block Storage',
		name: 'openStackBlockStorage',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Cinder: volumes (create, extend, attach, detach, delete), snapshots and backups (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Block Storage' },
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
					{ name: 'Backup', value: 'backup' },
					{ name: 'Snapshot', value: 'snapshot' },
					{ name: 'Volume', value: 'volume' },
				],
				default: 'volume',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
