import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest, listSearch } from './methods';
import { resourcePicker } from '../shared/node/description';
import { router } from './router';

export class AzureBlob implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Azure Blob Storage (Cloud Pack)',
		name: 'azureBlob',
		icon: { light: 'file:../../icons/azureBlob.svg', dark: 'file:../../icons/azureBlob.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Azure Blob Storage containers and blobs: streamed uploads and downloads, tiers, tags, server-side copies and SAS URLs',
		defaults: { name: 'Azure Blob Storage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'cloudPackAzureBlobApi', required: true, testedBy: 'testAzureBlobCredential' },
		],
		properties: [
			resourcePicker(
				[
					{ name: 'Blob', value: 'blob' },
					{ name: 'Container', value: 'container' },
				],
				'blob',
			),
			...router.properties,
		],
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
