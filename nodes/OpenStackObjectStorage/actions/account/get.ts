import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { getAccount } from '../../../shared/storage/drivers/swift/containers';
import { forOperation, showFor } from '../common';

export const description = forOperation(showFor('account', 'get'), []);

export async function execute(this: IExecuteFunctions, _itemIndex: number, swift: SwiftClient) {
	return await getAccount(swift);
}
