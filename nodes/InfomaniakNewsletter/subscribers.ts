import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { nameValueList } from '../shared/node/description';
import { withIsoDates } from './dates';
import {
	apiPath,
	newsletterData,
	type NewsletterClient,
	type NewsletterContext,
} from './transport';

/** What creating or updating a subscriber sends, shared by Subscriber and Mailing List operations. */

export const STATUS_OPTIONS = [
	{ name: 'Active', value: 'active' },
	{ name: 'Unsubscribed', value: 'unsubscribed' },
];

export const fieldsParameter: INodeProperties = nameValueList(
	'Subscriber Fields',
	'fields',
	'Add Field',
	"Values of the domain's subscriber fields, by field key (e.g. firstname, lastname)",
);

export interface SubscriberInput {
	email: string;
	fields?: IDataObject;
	groups?: number[];
	status?: string;
}

/** Infomaniak creates the subscriber, or updates the one with this address (omitted values stay). */
export async function upsertSubscriber(
	ctx: NewsletterContext,
	client: NewsletterClient,
	input: SubscriberInput,
	invalid: string[],
): Promise<IDataObject> {
	const body: IDataObject = { email: input.email };
	if (input.fields && Object.keys(input.fields).length > 0) body.fields = input.fields;
	if (input.groups && input.groups.length > 0) body.groups = input.groups;
	if (input.status) body.status = input.status;
	const subscriber = await newsletterData<IDataObject>(ctx, client, {
		method: 'POST',
		path: apiPath`/subscribers`,
		body,
		idempotent: true,
		invalid,
	});
	return withIsoDates(subscriber);
}
