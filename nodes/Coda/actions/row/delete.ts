import type { IExecuteFunctions } from 'n8n-workflow';

import {
	docLocator,
	forOperation,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';
import { queuedWrite, writeTo } from '../operations';

const displayOptions = showFor('row', 'delete');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await queuedWrite(this, itemIndex, ['docId', 'tableId', 'rowId'], async (target) => {
		const result = await writeTo(this, target, { method: 'DELETE' });
		const { docId, tableId, rowId } = target.ids;
		return { docId, tableId, rowId: result.id ?? rowId, ...result, deleted: true };
	});
}
