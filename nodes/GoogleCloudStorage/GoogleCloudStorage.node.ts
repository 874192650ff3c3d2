import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { credentialTest, listSearch } from './methods';
import { router } from './router';

export class GoogleCloudStorage implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Google Cloud Storage (Cloud Pack)',
			name: 'googleCloudStorage',
			group: 'output',
			description:
				'Manage Google Cloud Storage buckets and objects: streamed uploads and downloads, metadata, copies and signed URLs',
		}),
		icon: {
			light: 'file:../../icons/googleCloudStorage.svg',
			dark: 'file:../../icons/googleCloudStorage.dark.svg',
		},
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [
			{ name: 'cloudPackGoogleCloudStorageApi', required: true, testedBy: 'testGcsCredential' },
		],
		properties: router.properties,
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
