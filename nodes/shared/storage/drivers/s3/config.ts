import { StorageError } from '../../errors';
import { endpointProblem } from '../../../transport/endpoint';
import {
	AWS_SYSTEM_CREDENTIALS_SETTING,
	awsSystemCredentialsEnabled,
} from '../../../host/n8nSettings';

/** Infomaniak's public object storage: one S3 endpoint and region per cluster. */
export const INFOMANIAK_CLUSTERS = {
	pub1: { endpoint: 'https://s3.pub1.infomaniak.cloud', region: 'dc3-a' },
	pub2: { endpoint: 'https://s3.pub2.infomaniak.cloud', region: 'dc4-a' },
} as const;

export type S3Provider = 'aws' | 'infomaniak' | 'custom';

/** Everything needed to build an S3 client, read from a `cloudPackS3Api` credential. */
export interface S3ConnectionConfig {
	provider: S3Provider;
	region: string;
	/** Absent for AWS: the SDK resolves the regional endpoint itself. */
	endpoint?: string;
	forcePathStyle: boolean;
	/** Static keys; absent when the AWS default credential chain of the n8n host is used. */
	credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
	/** TLS certificate verification (on unless the user turns it off). */
	verifyTls: boolean;
}

const REGION = /^[a-z0-9]([a-z0-9-]{0,62})$/i;

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value).trim();
}

function credentialError(message: string): StorageError {
	return new StorageError('Auth', `S3 credential: ${message}`);
}

/** Reads and checks the credential's fields; throws a clear error naming the field. */
export function readS3Config(data: Record<string, unknown>): S3ConnectionConfig {
	const provider = (text(data.provider) || 'aws') as S3Provider;
	if (!['aws', 'infomaniak', 'custom'].includes(provider))
		throw credentialError(`unknown provider "${provider}"`);

	let region: string;
	let endpoint: string | undefined;
	let forcePathStyle: boolean;
	if (provider === 'infomaniak') {
		const cluster =
			INFOMANIAK_CLUSTERS[
				(text(data.infomaniakCluster) || 'pub1') as keyof typeof INFOMANIAK_CLUSTERS
			];
		if (!cluster)
			throw credentialError(`unknown Infomaniak cluster "${text(data.infomaniakCluster)}"`);
		({ endpoint, region } = cluster);
		// Infomaniak's object storage is OpenStack Swift: its S3 API wants path-style addressing.
		forcePathStyle = true;
	} else {
		region = text(data.region) || 'us-east-1';
		if (!REGION.test(region))
			throw credentialError(`"Region" is not a valid region name: "${region}"`);
		if (provider === 'custom') {
			endpoint = text(data.endpoint);
			if (!endpoint) throw credentialError('"Endpoint" is required for an S3-compatible store');
			// Every request is signed with the key: https://, or http:// to this machine only.
			const problem = endpointProblem(endpoint, { label: '"Endpoint"', sendsSecret: true });
			if (problem) throw credentialError(problem);
			endpoint = endpoint.replace(/\/+$/, '');
			forcePathStyle = data.forcePathStyle === undefined ? true : Boolean(data.forcePathStyle);
		} else {
			forcePathStyle = false;
		}
	}

	let credentials: S3ConnectionConfig['credentials'];
	if (text(data.authentication) === 'defaultChain' && !awsSystemCredentialsEnabled()) {
		// As n8n's own AWS credentials: the host's identity is for trusted, single-tenant servers.
		throw credentialError(
			`"AWS Default Credential Chain of the n8n Host" is disabled on this n8n server: it would let anyone who can create a credential act with the AWS identity of the machine n8n runs on. The administrator enables it with ${AWS_SYSTEM_CREDENTIALS_SETTING}=true; otherwise use an access key`,
		);
	}
	if (text(data.authentication) !== 'defaultChain') {
		const accessKeyId = text(data.accessKeyId);
		const secretAccessKey = typeof data.secretAccessKey === 'string' ? data.secretAccessKey : '';
		if (!accessKeyId) throw credentialError('"Access Key ID" is empty');
		if (!secretAccessKey) throw credentialError('"Secret Access Key" is empty');
		const sessionToken = text(data.sessionToken) || undefined;
		credentials = { accessKeyId, secretAccessKey, sessionToken };
	}

	return {
		provider,
		region,
		endpoint,
		forcePathStyle,
		credentials,
		verifyTls: !data.ignoreSslIssues,
	};
}

/** The values that must never appear in an error, a log line or an output item. */
export function secretsOf(config: S3ConnectionConfig): string[] {
	return [config.credentials?.secretAccessKey, config.credentials?.sessionToken].filter(
		(secret): secret is string => typeof secret === 'string' && secret.length > 0,
	);
}
