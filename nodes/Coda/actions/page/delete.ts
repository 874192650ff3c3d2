import type { IExecuteFunctions } from 'n8n-workflow';

import { docLocator, forOperation, pageLocator, showFor, waitOptions } from '../common';
import { queuedWrite, writeTo } from '../operations';

const displayOptions = showFor('page', 'delete');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await queuedWrite(this, itemIndex, ['docId', 'pageId'], async (target) => {
		const result = await writeTo(this, target, { method: 'DELETE' });
		return { docId: target.ids.docId, ...result, deleted: true };
	});
}
