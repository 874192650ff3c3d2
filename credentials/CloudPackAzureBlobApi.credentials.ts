import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Azure Blob Storage: a connection string, an account name and key, a SAS token, or a
 * Microsoft Entra ID service principal. Tested by the Azure Blob Storage node's
 * `testAzureBlobCredential` method, which lists containers with the SDK (a SharedKey
 * signature cannot be built by a declarative test request).
 */
export class CloudPackAzureBlobApi implements ICredentialType {
	name = 'cloudPackAzureBlobApi';

	displayName = 'Cloud Pack Azure Blob Storage API';

	icon: Icon = { light: 'file:../icons/azureBlob.svg', dark: 'file:../icons/azureBlob.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#azure-blob-storage';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Account Name and Key',
					value: 'sharedKey',
					description: 'The storage account name and one of its access keys',
				},
				{
					name: 'Connection String',
					value: 'connectionString',
					description: 'A connection string from the "Access keys" page, or one holding a SAS',
				},
				{
					name: 'Microsoft Entra ID (Service Principal)',
					value: 'entraId',
					description: 'An app registration with a client secret and an RBAC role on the account',
				},
				{
					name: 'SAS Token',
					value: 'sasToken',
					description:
						'An account SAS token; it limits what the node may do, and cannot sign new SAS URLs',
				},
			],
			default: 'sharedKey',
		},
		// A secret (it holds the account key or a SAS token); the rule judges by the field's name only.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Connection String',
			name: 'connectionString',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder:
				'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net',
			displayOptions: { show: { authentication: ['connectionString'] } },
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. mystorageaccount',
			description: 'The name of the storage account',
			displayOptions: { show: { authentication: ['sharedKey', 'entraId'] } },
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			placeholder: 'e.g. mystorageaccount',
			description:
				'The name of the storage account; not needed when the SAS token is a whole SAS URL',
			displayOptions: { show: { authentication: ['sasToken'] } },
		},
		// A secret (it is the storage account's shared key); the rule judges by the field's name only.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Account Key',
			name: 'accountKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'One of the two access keys of the storage account (base64)',
			displayOptions: { show: { authentication: ['sharedKey'] } },
		},
		{
			displayName: 'SAS Token',
			name: 'sasToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. sv=2024-11-04&ss=b&srt=sco&sp=rwdlac&se=…&sig=…',
			description: 'An account SAS token for the Blob service, or the whole Blob service SAS URL',
			displayOptions: { show: { authentication: ['sasToken'] } },
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47',
			description: 'The directory (tenant) ID of the Microsoft Entra ID app registration',
			displayOptions: { show: { authentication: ['entraId'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The application (client) ID of the app registration',
			displayOptions: { show: { authentication: ['entraId'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A client secret of the app registration',
			displayOptions: { show: { authentication: ['entraId'] } },
		},
		{
			displayName: 'Azure Cloud',
			name: 'cloud',
			type: 'options',
			options: [
				{ name: 'Azure Public Cloud', value: 'public', description: 'blob.core.windows.net' },
				{
					name: 'Azure US Government',
					value: 'usGovernment',
					description: 'blob.core.usgovcloudapi.net',
				},
				{ name: 'Azure China', value: 'china', description: 'blob.core.chinacloudapi.cn' },
			],
			default: 'public',
			description:
				'Which cloud the account lives in: it sets the default endpoint and, for Entra ID, the sign-in authority',
			displayOptions: { show: { authentication: ['sharedKey', 'sasToken', 'entraId'] } },
		},
		{
			displayName: 'Blob Endpoint',
			name: 'blobEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:10000/devstoreaccount1',
			description:
				'A custom blob endpoint: a private endpoint, a custom domain or the Azurite emulator. Leave empty for https://&lt;account&gt;.blob.&lt;cloud suffix&gt;.',
			displayOptions: { show: { authentication: ['sharedKey', 'sasToken', 'entraId'] } },
		},
	];
}
