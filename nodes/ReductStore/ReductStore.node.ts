import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as bucket from './actions/bucket';
import * as entry from './actions/entry';
import * as record from './actions/record';
import * as replication from './actions/replication';
import * as server from './actions/server';
import * as token from './actions/token';
import { listSearch } from './methods';
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
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bucket', value: 'bucket' },
					{ name: 'Entry', value: 'entry' },
					{ name: 'Record', value: 'record' },
					{ name: 'Replication', value: 'replication' },
					{ name: 'Server', value: 'server' },
					{ name: 'Token', value: 'token' },
				],
				default: 'record',
			},
			...bucket.description,
			...entry.description,
			...record.description,
			...replication.description,
			...server.description,
			...token.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
