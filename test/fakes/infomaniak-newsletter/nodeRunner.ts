import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import { InfomaniakNewsletter } from '../../../nodes/InfomaniakNewsletter/InfomaniakNewsletter.node';
import { NEWSLETTER_CREDENTIAL } from '../../../nodes/InfomaniakNewsletter/transport';
import {
	createExecuteContext,
	rl,
	type ExecuteContextOptions,
	type Params,
} from '../../helpers/executeContext';
import { createFakeContext } from '../../unit/transport/fakeContext';
import type { NewsletterFake } from './server';

/**
 * Runs the Infomaniak Newsletter node's `execute` against the fake: a fake IExecuteFunctions
 * whose `httpRequestWithAuthentication` sends real HTTP with the credential's Bearer token.
 */

const node = new InfomaniakNewsletter();
export const NEWSLETTER_NODE = {
	name: 'Newsletter',
	type: 'n8n-nodes-cloud-pack.infomaniakNewsletter',
};

export interface RunOptions extends Omit<
	ExecuteContextOptions,
	'credentials' | 'description' | 'params'
> {
	params: Params | ((itemIndex: number) => Params);
	/** Credential data (default: the fake's token, domain and URL). */
	credential?: IDataObject;
	/**
	 * The id of the stored credential, as n8n gives it: requests are then paced by the shared
	 * rate limiter (one bucket per credential id). Without one (the default) nothing is paced.
	 */
	credentialId?: string;
	timeZone?: string;
}

type Fake = Pick<NewsletterFake, 'url' | 'token' | 'domainId'>;

export function credentialOf(fake: Fake): IDataObject {
	return { apiToken: fake.token, domainId: String(fake.domainId), baseUrl: fake.url };
}

export function newsletterContext(fake: Fake, options: RunOptions) {
	const credential = options.credential ?? credentialOf(fake);
	const exec = createExecuteContext({
		...options,
		description: node.description,
		credentials: { [NEWSLETTER_CREDENTIAL]: credential },
		node: {
			...NEWSLETTER_NODE,
			...(options.credentialId
				? {
						credentials: {
							[NEWSLETTER_CREDENTIAL]: { id: options.credentialId, name: 'Infomaniak' },
						},
					}
				: {}),
			...options.node,
		},
	});
	const http = createFakeContext({ credentials: { apiToken: credential.apiToken } });
	Object.assign(exec.ctx.helpers, {
		httpRequestWithAuthentication: http.ctx.helpers.httpRequestWithAuthentication,
	});
	Object.assign(exec.ctx, { getTimezone: () => options.timeZone ?? 'Europe/Zurich' });
	return { ...exec, calls: http.calls };
}

/** Executes the node; its (only) output and the JSON of each item. */
export async function runNewsletter(fake: Fake, options: RunOptions) {
	const context = newsletterContext(fake, options);
	const output = await node.execute.call(context.ctx);
	return {
		...context,
		output: output[0] as INodeExecutionData[],
		json: output[0].map((item) => item.json as Record<string, any>),
	};
}

/** Runs the node expecting it to throw; the error. */
export async function runNewsletterFailing(fake: Fake, options: RunOptions) {
	const context = newsletterContext(fake, options);
	try {
		await node.execute.call(context.ctx);
	} catch (error) {
		return error as NodeOperationError & { httpCode?: string | null; description?: string | null };
	}
	throw new Error('The Infomaniak Newsletter node succeeded but was expected to fail');
}

/** A load-options context for the pickers, against the fake. */
export function loadOptionsContext(fake: Fake, credential = credentialOf(fake)) {
	const http = createFakeContext({ credentials: { apiToken: credential.apiToken } });
	const ctx = {
		getNode: () => ({
			id: 'newsletter-1',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			...NEWSLETTER_NODE,
		}),
		getCredentials: async () => credential,
		helpers: { httpRequestWithAuthentication: http.ctx.helpers.httpRequestWithAuthentication },
	} as unknown as ILoadOptionsFunctions;
	return { ctx, calls: http.calls };
}

export const methods = node.methods;

/** Resource-locator values as n8n stores them. */
export const byId = (value: string | number) => rl(String(value), 'id');
export const byEmail = (value: string) => rl(value, 'email');
