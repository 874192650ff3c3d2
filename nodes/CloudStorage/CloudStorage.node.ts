import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { backendParameter, otherBackendCredentials } from './backendParameter';
import { credentialTest, listSearch } from './methods';
import { resourcePicker } from '../shared/node/description';
import { router } from './router';

export class CloudStorage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Storage',
		name: 'cloudStorage',
		icon: {
			light: 'file:../../icons/cloudStorage.svg',
			dark: 'file:../../icons/cloudStorage.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Store and fetch objects on any backend: the local filesystem, S3, Azure, GCS or Swift',
		defaults: { name: 'Cloud Storage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'cloudPackLocalStorageApi',
				required: true,
				displayOptions: { show: { backend: ['local'] } },
				testedBy: 'testLocalCredential',
			},
			...otherBackendCredentials,
		],
		properties: [
			backendParameter,
			resourcePicker(
				[
					{ name: 'Container', value: 'container' },
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
