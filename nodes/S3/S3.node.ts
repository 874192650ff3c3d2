import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { credentialTest, listSearch } from './methods';
import { router } from './router';

export class S3 implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'S3 Object Storage',
			name: 's3',
			group: 'output',
			description: 'Buckets and objects on Amazon S3, Infomaniak or any S3-compatible storage',
		}),
		icon: { light: 'file:../../icons/s3.svg', dark: 'file:../../icons/s3.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'cloudPackS3Api', required: true, testedBy: 'testS3Credential' }],
		properties: router.properties,
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
