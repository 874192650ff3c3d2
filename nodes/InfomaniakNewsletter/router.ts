import type { INodeProperties } from 'n8n-workflow';

import { buildRouter } from '../shared/node/router';
import * as campaign from './actions/campaign';
import * as mailingList from './actions/mailingList';
import * as subscriber from './actions/subscriber';
import * as utility from './actions/utility';
import { newsletterClient, type NewsletterClient } from './transport';

/** resource → operation → handler; the credential is read once per run, inside item error handling. */
/** The parameters of every resource and operation (the node's description lists them too). */
export const resourceProperties: INodeProperties[] = [
	...campaign.description,
	...mailingList.description,
	...subscriber.description,
	...utility.description,
];

export const router = buildRouter<NewsletterClient>({
	properties: resourceProperties,
	operations: {
		campaign: campaign.operations,
		mailingList: mailingList.operations,
		subscriber: subscriber.operations,
		utility: utility.operations,
	},
	setup: async (ctx) => await newsletterClient(ctx),
});
