import { buildRouter } from '../shared/node/router';
import * as column from './actions/column';
import * as control from './actions/control';
import * as doc from './actions/doc';
import * as formula from './actions/formula';
import * as mutationStatus from './actions/mutationStatus';
import * as page from './actions/page';
import * as row from './actions/row';
import * as table from './actions/table';

export const router = buildRouter({
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
