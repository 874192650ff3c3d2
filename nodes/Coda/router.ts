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
	resources: [column, control, doc, formula, mutationStatus, page, row, table],
	defaultResource: 'row',
});
