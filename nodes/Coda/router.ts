import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapItems, type ItemResult } from '../shared/node/items';
import * as column from './actions/column';
import * as control from './actions/control';
import * as doc from './actions/doc';
import * as formula from './actions/formula';
import * as mutationStatus from './actions/mutationStatus';
import * as page from './actions/page';
import * as row from './actions/row';
import * as table from './actions/table';

/** An operation runs per item (`execute`) or, for the write-many ones, on all items at once (`executeAll`). */
type Operation =
	| { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult> }
	| { executeAll: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const OPERATIONS: Record<string, Record<string, Operation>> = {
	column: column.operations,
	control: control.operations,
	doc: doc.operations,
	formula: formula.operations,
	mutationStatus: mutationStatus.operations,
	page: page.operations,
	row: row.operations,
	table: table.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	if ('executeAll' in handler) return [await handler.executeAll.call(this)];
	return [await mapItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex))];
}
