import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as column from './actions/column';
import * as control from './actions/control';
import * as doc from './actions/doc';
import * as formula from './actions/formula';
import * as mutationStatus from './actions/mutationStatus';
import * as page from './actions/page';
import * as row from './actions/row';
import * as table from './actions/table';
import { listSearch } from './methods';
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
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Column', value: 'column' },
					{ name: 'Control', value: 'control' },
					{ name: 'Doc', value: 'doc' },
					{ name: 'Formula', value: 'formula' },
					{ name: 'Mutation Status', value: 'mutationStatus' },
					{ name: 'Page', value: 'page' },
					{ name: 'Row', value: 'row' },
					{ name: 'Table', value: 'table' },
				],
				default: 'row',
			},
			...column.description,
			...control.description,
			...doc.description,
			...formula.description,
			...mutationStatus.description,
			...page.description,
			...row.description,
			...table.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
