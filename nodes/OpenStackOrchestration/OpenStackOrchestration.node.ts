import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourcePicker } from '../shared/node/description';
import { router } from './router';

export class OpenStackOrchestration implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenStack Orchestration',
		name: 'openStackOrchestration',
		icon: { light: 'file:../../icons/openstack.svg', dark: 'file:../../icons/openstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Heat: stacks from templates (create, update, delete, outputs, resources, events) and template validation (Infomaniak Public Cloud or any OpenStack cloud)',
		defaults: { name: 'OpenStack Orchestration' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackOpenStackApi', required: true }],
		properties: [
			resourcePicker(
				[
					{ name: 'Stack', value: 'stack' },
					{ name: 'Template', value: 'template' },
				],
				'stack',
			),
			...router.properties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
