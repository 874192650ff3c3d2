import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, showFor } from '../common';

export const description = forOperation(showFor('utility', 'getCredits'), []);

/** The credit balance (1 credit = one e-mail to one subscriber), with Infomaniak's details. */
export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	client: NewsletterClient,
) {
	const details = await newsletterData<unknown>(this, client, { path: apiPath`/credits/details` });
	const object: IDataObject =
		details && typeof details === 'object' && !Array.isArray(details)
			? (details as IDataObject)
			: { details: details as IDataObject };
	const balance = typeof object.total === 'number' ? object.total : null;
	return withIsoDates({ balance, ...object });
}
