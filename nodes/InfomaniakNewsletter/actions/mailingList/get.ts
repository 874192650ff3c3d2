import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, groupLocator, locatorId, showFor } from '../common';

export const description = forOperation(showFor('mailingList', 'get'), [groupLocator()]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const groupId = locatorId(this, 'groupId', itemIndex);
	const group = await newsletterData<IDataObject>(this, client, {
		path: apiPath`/groups/${groupId}`,
		notFound: 'Mailing List',
	});
	return withIsoDates(group);
}
