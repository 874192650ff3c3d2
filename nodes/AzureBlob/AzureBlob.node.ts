import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { credentialTest, listSearch } from './methods';
import { router } from './router';

export class AzureBlob implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Azure Blob Storage (Cloud Pack)',
			name: 'azureBlob',
			group: 'output',
			description:
				'Manage Azure Blob Storage containers and blobs: streamed uploads and downloads, tiers, tags, server-side copies and SAS URLs',
		}),
		icon: { light: 'file:../../icons/azureBlob.svg', dark: 'file:../../icons/azureBlob.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [
			{ name: 'cloudPackAzureBlobApi', required: true, testedBy: 'testAzureBlobCredential' },
		],
		properties: router.properties,
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
