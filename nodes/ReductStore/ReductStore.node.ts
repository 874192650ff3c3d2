import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { listSearch } from './methods';
import { router } from './router';

export class ReductStore implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'ReductStore',
			name: 'reductStore',
			group: 'output',
			description:
				'Write, read and query time series of records (sensor data, images, logs) in ReductStore',
		}),
		icon: {
			light: 'file:../../icons/reductstore.svg',
			dark: 'file:../../icons/reductstore.dark.svg',
		},
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'cloudPackReductStoreApi', required: true }],
		properties: router.properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
