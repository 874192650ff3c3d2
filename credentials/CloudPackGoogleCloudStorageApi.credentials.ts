import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * A Google service-account key. Requests are signed with it by the Google Cloud Storage SDK
 * (there is no HTTP request n8n could send on its own), so the credential is tested by the
 * Google Cloud Storage node's `testGcsCredential` method, which lists the project's buckets.
 */
export class CloudPackGoogleCloudStorageApi implements ICredentialType {
	name = 'cloudPackGoogleCloudStorageApi';

	displayName = 'Cloud Pack Google Cloud Storage API';

	icon: Icon = {
		light: 'file:../icons/googleCloudStorage.svg',
		dark: 'file:../icons/googleCloudStorage.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack#google-cloud-storage';

	properties: INodeProperties[] = [
		// A secret (it holds the service account's private key); the rule judges by the field's name only.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Service Account Key',
			name: 'serviceAccountKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder:
				'{ "type": "service_account", "project_id": "…", "private_key": "…", "client_email": "…" }',
			description:
				'The whole JSON key file of a service account (IAM → Service Accounts → Keys → Add key → JSON). Its private key also signs the signed URLs.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			placeholder: 'e.g. my-project-123',
			description:
				'The project whose buckets are listed and created. Leave empty to use the "project_id" of the key.',
		},
		{
			displayName: 'Custom API Endpoint',
			name: 'useCustomEndpoint',
			type: 'boolean',
			default: false,
			description:
				'Whether to send requests to another endpoint than storage.googleapis.com, such as a local storage emulator',
		},
		{
			displayName: 'API Endpoint',
			name: 'apiEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:9199',
			displayOptions: { show: { useCustomEndpoint: [true] } },
			description: 'Base URL of the endpoint, without a path',
		},
		{
			displayName: 'Endpoint Type',
			name: 'endpointType',
			type: 'options',
			default: 'emulator',
			displayOptions: { show: { useCustomEndpoint: [true] } },
			options: [
				{
					name: 'Storage Emulator',
					value: 'emulator',
					description:
						'Firebase Storage emulator or fake-gcs-server: JSON API at the root path, no access token (like STORAGE_EMULATOR_HOST)',
				},
				{
					name: 'Google-Compatible Endpoint',
					value: 'google',
					description:
						'A private or compatible endpoint laid out like Google (JSON API under /storage/v1), with the access token',
				},
			],
		},
	];
}
