import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { S3Service } from '../../shared/storage/drivers/s3';

export const CREDENTIAL_TYPE = 'cloudPackS3Api';

/** One S3 client for the node's credential (the SDK is loaded here, on first use). */
export async function s3ServiceFor(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<S3Service> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return await S3Service.fromCredential(credentials);
}
