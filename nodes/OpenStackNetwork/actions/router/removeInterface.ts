import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { changeInterface, interfaceParameters } from './interface';

export const description = forOperation(showFor('router', 'removeInterface'), interfaceParameters);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await changeInterface(this, itemIndex, 'remove');
}
