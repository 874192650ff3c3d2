import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/whoami',
		},
	};
}
