import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { BASE_URL_RULE } from '../nodes/InfomaniakNewsletter/transport';
import { credentialTestHeaders } from '../nodes/shared/transport/credentialTest';
import { withSecretHeaders } from '../nodes/shared/transport/endpoint';

/**
 * An Infomaniak API token and the newsletter domain it works on. The test reads that domain
 * (GET /1/newsletters/{domain}): it proves the token, its scope and the domain id at once, and
 * says which of them failed.
 */
export class CloudPackInfomaniakNewsletterApi implements ICredentialType {
	name = 'cloudPackInfomaniakNewsletterApi';

	displayName = 'Cloud Pack Infomaniak Newsletter API';

	icon: Icon = { light: 'file:../icons/infomaniak.svg', dark: 'file:../icons/infomaniak.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#infomaniak-newsletter';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Infomaniak API token with the "newsletter" scope (Manager → your profile → Developer → API tokens)',
		},
		{
			displayName: 'Domain ID',
			name: 'domainId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123456',
			description:
				"The number of the newsletter domain: it is in the Manager's address when the newsletter is open (…/newsletter/123456/…). Infomaniak's newsletter API has no call that lists an account's newsletter domains, so it is typed in.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.infomaniak.com',
			required: true,
			description: 'The Infomaniak API endpoint. Change it only to reach a proxy or a test server.',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 2, maxValue: 100000 },
			default: 60,
			description:
				"The account's request quota. The nodes pace their requests to stay under it, so that long workflows meet no 429. Infomaniak allows 60 a minute unless it raised the quota of the account; set it lower to leave room for other clients of the same account.",
		},
	];

	/**
	 * The Bearer token, only to an https:// address (or http:// on this machine), never to
	 * user:password@: every request that carries it, the credential test's included.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		withSecretHeaders(requestOptions, BASE_URL_RULE, {
			Authorization: `Bearer ${String(credentials.apiToken ?? '')}`,
		});

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/1/newsletters/{{String($credentials.domainId).trim()}}',
			// an address that never answers fails the test in seconds (see credentialTestHeaders)
			headers: credentialTestHeaders(),
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Infomaniak refused the API token (HTTP 401): it is wrong, expired or revoked. Create one in the Manager under API tokens.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API token is valid but may not read this newsletter domain (HTTP 403): give it the "newsletter" scope, or check the Domain ID belongs to its account.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						"The token works, but there is no newsletter domain with this Domain ID (HTTP 404). Check the number in the Manager's address of the newsletter.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'Infomaniak is rate-limiting this account (HTTP 429: 60 requests per minute). Try again in a minute.',
				},
			},
		],
	};
}
