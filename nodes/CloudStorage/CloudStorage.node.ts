import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { backendParameter, otherBackendCredentials } from './backendParameter';
import { credentialTest, listSearch } from './methods';
import { router } from './router';

export class CloudStorage implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Cloud Storage',
			name: 'cloudStorage',
			group: 'output',
			description:
				'Store and fetch objects on any backend: the local filesystem, S3, Azure, GCS or Swift',
		}),
		icon: {
			light: 'file:../../icons/cloudStorage.svg',
			dark: 'file:../../icons/cloudStorage.dark.svg',
		},
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [
			{
				name: 'cloudPackLocalStorageApi',
				required: true,
				displayOptions: { show: { backend: ['local'] } },
				testedBy: 'testLocalCredential',
			},
			...otherBackendCredentials,
		],
		properties: [backendParameter, ...router.properties],
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
