import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Amazon S3 and S3-compatible stores. The credential test is the S3 node's
 * `testS3Credential` method: it signs a real ListBuckets request with the same client
 * the nodes use (checksums, TLS setting, default credential chain included).
 */
export class CloudPackS3Api implements ICredentialType {
	name = 'cloudPackS3Api';

	displayName = 'Cloud Pack S3 API';

	icon: Icon = { light: 'file:../icons/s3.svg', dark: 'file:../icons/s3.dark.svg' };

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-cloud-pack#amazon-s3-and-s3-compatible-storage';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			options: [
				{ name: 'Amazon S3', value: 'aws', description: "AWS's own S3 endpoints" },
				{
					name: 'Infomaniak Object Storage',
					value: 'infomaniak',
					description: 'Infomaniak Public Cloud object storage (S3 API)',
				},
				{
					name: 'Other S3-Compatible Storage',
					value: 'custom',
					description: 'Any store speaking the S3 API: MinIO, Ceph, OpenStack Swift, Wasabi, …',
				},
			],
			default: 'aws',
		},
		{
			displayName: 'Infomaniak Cluster',
			name: 'infomaniakCluster',
			type: 'options',
			options: [
				{ name: 'Pub1 (S3.pub1.infomaniak.cloud, Region Dc3-A)', value: 'pub1' },
				{ name: 'Pub2 (S3.pub2.infomaniak.cloud, Region Dc4-A)', value: 'pub2' },
			],
			default: 'pub1',
			description:
				'The cluster of your Infomaniak Public Cloud project; its endpoint and region are set for you',
			displayOptions: { show: { provider: ['infomaniak'] } },
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://s3.example.com',
			description: 'Base URL of the S3 API of the store',
			displayOptions: { show: { provider: ['custom'] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'us-east-1',
			placeholder: 'e.g. eu-west-3',
			description: 'Region the requests are signed for and new buckets are created in',
			displayOptions: { show: { provider: ['aws', 'custom'] } },
		},
		{
			displayName: 'Force Path-Style Addressing',
			name: 'forcePathStyle',
			type: 'boolean',
			default: true,
			description:
				'Whether to address buckets as https://endpoint/bucket (most S3-compatible stores) rather than https://bucket.endpoint',
			displayOptions: { show: { provider: ['custom'] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Access Key', value: 'accessKey', description: 'An access key ID and its secret' },
				{
					name: 'AWS Default Credential Chain of the N8n Host',
					value: 'defaultChain',
					description:
						'Environment variables, shared credential files, or the instance / container role of the machine running n8n',
				},
			],
			default: 'accessKey',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (AWS STS)',
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate of the endpoint cannot be verified. Leave off unless you trust the server (e.g. a self-signed certificate on your own network).',
		},
	];
}
