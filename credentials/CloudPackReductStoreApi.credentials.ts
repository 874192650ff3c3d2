import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	credentialTestHeaders,
	withCredentialTestTimeout,
} from '../nodes/shared/transport/credentialTest';
import { assertRequestEndpoint } from '../nodes/shared/transport/endpoint';

export class CloudPackReductStoreApi implements ICredentialType {
	name = 'cloudPackReductStoreApi';

	displayName = 'Cloud Pack ReductStore API';

	icon: Icon = {
		light: 'file:../icons/reductstore.svg',
		dark: 'file:../icons/reductstore.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#reductstore';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'url',
			type: 'string',
			default: 'http://localhost:8383',
			required: true,
			placeholder: 'https://reduct.example.com',
			description: 'Address of the ReductStore server, without /api/v1',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'An access token of the server. Leave empty for a server started without RS_API_TOKEN (no authentication).',
		},
		// A yes/no switch, not a secret: the rule only sees "auth" in its name.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified (self-signed, expired)',
		},
	];

	/**
	 * The Bearer header only when a token is set, and then only to an https:// address (or
	 * http:// on this machine); TLS verification as the credential says.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const requestOptions = withCredentialTestTimeout(request);
		const token = typeof credentials.apiToken === 'string' ? credentials.apiToken.trim() : '';
		const headers = { ...(requestOptions.headers ?? {}) };
		assertRequestEndpoint(requestOptions, {
			label: 'The "Server URL" of the ReductStore credential',
			sendsSecret: token !== '',
		});
		if (token) headers.Authorization = `Bearer ${token}`;
		return {
			...requestOptions,
			headers,
			skipSslCertificateValidation:
				credentials.allowUnauthorizedCerts === true ||
				requestOptions.skipSslCertificateValidation === true,
		};
	};

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{$credentials.url.replace(/\\/+$/, "")}}/api/v1/info',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
			// an address that never answers fails the test in seconds (see credentialTestHeaders)
			headers: credentialTestHeaders(),
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The server rejected the API token (HTTP 401): it is missing, wrong or expired',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API token is valid but lacks the permission to read server information (HTTP 403)',
				},
			},
		],
	};
}
