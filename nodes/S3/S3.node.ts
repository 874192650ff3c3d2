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

export class S3 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'S3 Object Storage',
		name: 's3',
		icon: { light: 'file:../../icons/s3.svg', dark: 'file:../../icons/s3.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Buckets and objects on Amazon S3, Infomaniak or any S3-compatible storage',
		defaults: { name: 'S3 Object Storage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackS3Api', required: true, testedBy: 'testS3Credential' }],
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
