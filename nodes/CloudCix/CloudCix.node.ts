import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourceProperties, router } from './router';
import { CLOUDCIX_CREDENTIAL } from './session';

export class CloudCix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CloudCIX',
		name: 'cloudCix',
		icon: { light: 'file:../../icons/cloudcix.svg', dark: 'file:../../icons/cloudcix.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["application"]}}',
		description:
			'Create, read, change and list the records of any CloudCIX application and service',
		defaults: { name: 'CloudCIX' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CLOUDCIX_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'hidden',
				noDataExpression: true,
				default: 'resource',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
