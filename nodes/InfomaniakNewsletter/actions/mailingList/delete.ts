import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, groupLocator, locatorId, showFor } from '../common';

export const description = forOperation(showFor('mailingList', 'delete'), [
	groupLocator('The mailing list to delete; its subscribers stay in the domain'),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const groupId = locatorId(this, 'groupId', itemIndex);
	const deleted = await newsletterData<boolean>(this, client, {
		method: 'DELETE',
		path: apiPath`/groups/${groupId}`,
		notFound: 'Mailing List',
	});
	return { id: groupId, deleted: deleted !== false };
}
