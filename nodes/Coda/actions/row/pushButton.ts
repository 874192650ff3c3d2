import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath } from '../../transport';
import {
	columnLocator,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';
import { queuedWrite, writeTo } from '../operations';

const displayOptions = showFor('row', 'pushButton');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	columnLocator('The button column, by ID or name'),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await queuedWrite(this, itemIndex, ['docId', 'tableId', 'rowId'], async (target) => {
		const columnId = requireLocator(this, 'columnId', itemIndex);
		const result = await writeTo(this, target, {
			method: 'POST',
			below: codaPath`/buttons/${columnId}`,
			// Pressing a button twice runs its action twice: only a 429 is retried.
			replay: 'afterRateLimit',
			parameters: parametersOf('columnId'),
		});
		const { docId, tableId } = target.ids;
		return { docId, tableId, ...result };
	});
}
