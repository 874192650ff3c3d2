import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { withIsoDates } from '../../dates';
import { apiPath, newsletterRequestAll, type NewsletterClient } from '../../transport';
import { forOperation, returnAllAndLimit, showFor } from '../common';

export const description = forOperation(showFor('utility', 'getCreditMovements'), [
	...returnAllAndLimit,
]);

/** Credits bought and spent (each campaign sent), one item per movement. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const movements = await newsletterRequestAll(
		this,
		client,
		{ path: apiPath`/credits` },
		getListLimit(this, itemIndex),
	);
	return withIsoDates(movements);
}
