import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { API_URL_RULE, DEFAULT_API_URL, logIn } from '../nodes/CloudCix/session';
import { credentialTestHeaders } from '../nodes/shared/transport/credentialTest';
import { withSecretHeaders } from '../nodes/shared/transport/endpoint';

/**
 * CloudCIX: a user's e-mail and password and their Member's API key. The login token is an
 * n8n expirable token: `preAuthentication` logs in (Membership `auth/login/`) when there is no
 * token, after a 401, and - through the node's transport - shortly before the token runs out;
 * n8n stores the token, so a workflow logs in once per token lifetime, never once per item.
 */
export class CloudPackCloudCixApi implements ICredentialType {
	name = 'cloudPackCloudCixApi';

	displayName = 'Cloud Pack CloudCIX API';

	icon: Icon = { light: 'file:../icons/cloudcix.svg', dark: 'file:../icons/cloudcix.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#cloudcix';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			// expirable: n8n's preAuthentication fills it; password: n8n never shows it in the editor
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Renew After',
			name: 'sessionRenewAfter',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Owner',
			name: 'sessionOwner',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail address the CloudCIX user logs in with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The API key of the user's Member, shown on the Member Details page of CloudCIX",
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_API_URL,
			required: true,
			description:
				'Each application is reached at https://{application}.api.cloudcix.com/: its name goes in front of this host. For a private deployment or a gateway, put {application} where the name goes, e.g. https://cloudcix.example.com/{application}/.',
		},
		// A yes/no switch, not a secret: the rule only sees "auth" in its name.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified (a private deployment with a self-signed certificate)',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await logIn.call(this, credentials);
	}

	/**
	 * The token as `X-Auth-Token`, only to an https:// address (or http:// on this machine), never
	 * to user:password@: every request that carries it, the credential test's included (whose
	 * stored token would otherwise go to an API URL edited since the login).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		withSecretHeaders(requestOptions, API_URL_RULE, {
			'X-Auth-Token': String(credentials.token ?? ''),
		});

	// The login runs first (n8n calls preAuthentication when testing): a refused login is
	// reported with CloudCIX's error code and message. Then one authenticated read in
	// Membership, which CloudCIX refuses with 403 for an expired user.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL:
				'={{ $credentials.apiUrl.includes("{application}") ? $credentials.apiUrl.split("{application}").join("membership") : $credentials.apiUrl.replace("://", "://membership.") }}',
			url: 'country/',
			qs: { limit: 1 },
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
			// an address that never answers fails the test in seconds (see credentialTestHeaders)
			headers: credentialTestHeaders(),
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'CloudCIX logged the user in but refuses its requests (HTTP 403): "User is expired. Cannot log in." Ask an administrator of the Member to extend the user\'s expiry date.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'CloudCIX did not accept the token it issued (HTTP 401): check that the API URL reaches one CloudCIX deployment for every application.',
				},
			},
		],
	};
}
