import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	formulaLocator,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	showFor,
} from '../common';

const displayOptions = showFor('formula', 'get');

export const description = forOperation(displayOptions, [docLocator(), formulaLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const formulaId = requireLocator(this, 'formulaId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/formulas/${formulaId}`,
		parameters: parametersOf('docId', 'formulaId'),
	});
}
