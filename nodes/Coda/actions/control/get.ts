import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	controlLocator,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	showFor,
} from '../common';

const displayOptions = showFor('control', 'get');

export const description = forOperation(displayOptions, [docLocator(), controlLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const controlId = requireLocator(this, 'controlId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/controls/${controlId}`,
		parameters: parametersOf('docId', 'controlId'),
	});
}
