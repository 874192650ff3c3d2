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

export class GoogleCloudStorage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Google Cloud Storage (Cloud Pack)',
		name: 'googleCloudStorage',
		icon: {
			light: 'file:../../icons/googleCloudStorage.svg',
			dark: 'file:../../icons/googleCloudStorage.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Google Cloud Storage buckets and objects: streamed uploads and downloads, metadata, copies and signed URLs',
		defaults: { name: 'Google Cloud Storage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'cloudPackGoogleCloudStorageApi', required: true, testedBy: 'testGcsCredential' },
		],
		properties: [
			resourcePicker(
				[
					{ name: 'Bucket', value: 'bucket' },
					{ name: 'Object', value: 'object' },
				],
				'object',
			),
			...router.properties,
		],
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
