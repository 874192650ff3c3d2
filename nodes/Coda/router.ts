import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as column from './actions/column';
import * as control from './actions/control';
import * as doc from './actions/doc';
import * as formula from './actions/formula';
import * as mutationStatus from './actions/mutationStatus';
import * as page from './actions/page';
import * as row from './actions/row';
import * as table from './actions/table';

/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...column.description,
	...control.description,
	...doc.description,
	...formula.description,
	...mutationStatus.description,
	...page.description,
	...row.description,
	...table.description,
];

export const router = buildRouter({
	properties: resourceProperties,
	operations: {
		column: column.operations,
		control: control.operations,
		doc: doc.operations,
		formula: formula.operations,
		mutationStatus: mutationStatus.operations,
		page: page.operations,
		row: row.operations,
		table: table.operations,
	},
});
