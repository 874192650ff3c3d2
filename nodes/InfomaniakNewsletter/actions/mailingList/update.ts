import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { newNameParameter } from '../../../shared/node/description';
import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { readText } from '../../validation';
import { forOperation, groupLocator, locatorId, showFor } from '../common';

export const description = forOperation(showFor('mailingList', 'update'), [
	groupLocator(),
	newNameParameter({ name: 'name' }),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const groupId = locatorId(this, 'groupId', itemIndex);
	const name = readText(this, 'name', itemIndex, 'New Name');
	const group = await newsletterData<IDataObject>(this, client, {
		method: 'PUT',
		path: apiPath`/groups/${groupId}`,
		body: { name },
		notFound: 'Mailing List',
		invalid: ['New Name'],
	});
	return withIsoDates(group);
}
