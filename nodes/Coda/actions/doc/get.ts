import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import { docLocator, forOperation, parametersOf, requireLocator, showFor } from '../common';

const displayOptions = showFor('doc', 'get');

export const description = forOperation(displayOptions, [docLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}`,
		parameters: parametersOf('docId'),
	});
}
