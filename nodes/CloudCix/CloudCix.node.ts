import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { nodeBasics } from '../shared/node/description';
import { listSearch } from './methods';
import { router } from './router';
import { CLOUDCIX_CREDENTIAL } from './session';

export class CloudCix implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'CloudCIX',
			name: 'cloudCix',
			group: 'transform',
			description:
				'Create, read, change and list the records of any CloudCIX application and service',
		}),
		icon: { light: 'file:../../icons/cloudcix.svg', dark: 'file:../../icons/cloudcix.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["application"]}}',
		usableAsTool: true,
		credentials: [{ name: CLOUDCIX_CREDENTIAL, required: true }],
		properties: router.properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
