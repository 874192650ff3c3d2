import { buildRouter } from '../shared/node/router';
import * as campaign from './actions/campaign';
import * as mailingList from './actions/mailingList';
import * as subscriber from './actions/subscriber';
import * as utility from './actions/utility';
import { newsletterClient, type NewsletterClient } from './transport';

/** resource → operation → handler; the credential is read once per run, inside item error handling. */
export const router = buildRouter<NewsletterClient>({
	resources: [campaign, mailingList, subscriber, utility],
	defaultResource: 'subscriber',
	setup: async (ctx) => await newsletterClient(ctx),
});
