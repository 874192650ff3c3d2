import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { resourcePicker } from '../shared/node/description';
import { router } from './router';

export class ReductStore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ReductStore',
		name: 'reductStore',
		icon: {
			light: 'file:../../icons/reductstore.svg',
			dark: 'file:../../icons/reductstore.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Write, read and query time series of records (sensor data, images, logs) in ReductStore',
		defaults: { name: 'ReductStore' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackReductStoreApi', required: true }],
		properties: [
			resourcePicker(
				[
					{ name: 'Bucket', value: 'bucket' },
					{ name: 'Entry', value: 'entry' },
					{ name: 'Record', value: 'record' },
					{ name: 'Replication', value: 'replication' },
					{ name: 'Server', value: 'server' },
					{ name: 'Token', value: 'token' },
				],
				'record',
			),
			...router.properties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
