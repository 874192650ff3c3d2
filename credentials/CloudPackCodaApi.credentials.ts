import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { credentialTestHeaders } from '../nodes/shared/transport/credentialTest';
import { withSecretHeaders } from '../nodes/shared/transport/endpoint';

export class CloudPackCodaApi implements ICredentialType {
	name = 'cloudPackCodaApi';

	displayName = 'Cloud Pack Coda API';

	icon: Icon = { light: 'file:../icons/coda.svg', dark: 'file:../icons/coda.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#coda';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A Coda API token, generated under Account settings → API settings on coda.io',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://coda.io/apis/v1',
			required: true,
			description: 'The Coda API endpoint. Change it only to reach a proxy or a test server.',
		},
	];

	/** The Bearer token, only to an https:// address (or http:// on this machine), never to user:password@. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		withSecretHeaders(
			requestOptions,
			{ label: 'The "Base URL" of the Coda credential', sendsSecret: true },
			{ Authorization: `Bearer ${String(credentials.apiToken ?? '')}` },
		);

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/whoami',
			// an address that never answers fails the test in seconds (see credentialTestHeaders)
			headers: credentialTestHeaders(),
		},
	};
}
