import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { listSearch } from './methods';
import { router } from './router';

export class Coda implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Coda (Cloud Pack)',
			name: 'coda',
			group: 'transform',
			description: 'Read and write Coda docs, pages, tables and rows',
		}),
		icon: { light: 'file:../../icons/coda.svg', dark: 'file:../../icons/coda.dark.svg' },
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'cloudPackCodaApi', required: true }],
		properties: router.properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
