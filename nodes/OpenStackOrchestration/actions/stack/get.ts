import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { describeStack, getStack, resolveStack, stackLocator } from '../../stacks';

export const description = forOperation(showFor('stack', 'get'), [stackLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return describeStack(await getStack(this, await resolveStack(this, itemIndex)));
}
