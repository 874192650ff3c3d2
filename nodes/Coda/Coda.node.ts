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

export class Coda implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coda (Cloud Pack)',
		name: 'coda',
		icon: { light: 'file:../../icons/coda.svg', dark: 'file:../../icons/coda.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write Coda docs, pages, tables and rows',
		defaults: { name: 'Coda' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackCodaApi', required: true }],
		properties: [
			resourcePicker(
				[
					{ name: 'Column', value: 'column' },
					{ name: 'Control', value: 'control' },
					{ name: 'Doc', value: 'doc' },
					{ name: 'Formula', value: 'formula' },
					{ name: 'Mutation Status', value: 'mutationStatus' },
					{ name: 'Page', value: 'page' },
					{ name: 'Row', value: 'row' },
					{ name: 'Table', value: 'table' },
				],
				'row',
			),
			...router.properties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
