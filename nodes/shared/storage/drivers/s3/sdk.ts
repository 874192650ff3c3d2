/**
 * The AWS SDK modules, loaded on first use: importing the S3 node or driver costs n8n's
 * start-up nothing. Only types are imported statically (they vanish when compiled).
 */
type S3Module = typeof import('@aws-sdk/client-s3');
type PresignerModule = typeof import('@aws-sdk/s3-request-presigner');
type CredentialProvidersModule = typeof import('@aws-sdk/credential-providers');

let s3: Promise<S3Module> | undefined;
let presigner: Promise<PresignerModule> | undefined;
let credentialProviders: Promise<CredentialProvidersModule> | undefined;

export function loadS3(): Promise<S3Module> {
	s3 ??= import('@aws-sdk/client-s3');
	return s3;
}

export function loadPresigner(): Promise<PresignerModule> {
	presigner ??= import('@aws-sdk/s3-request-presigner');
	return presigner;
}

export function loadCredentialProviders(): Promise<CredentialProvidersModule> {
	credentialProviders ??= import('@aws-sdk/credential-providers');
	return credentialProviders;
}
