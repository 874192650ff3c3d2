import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { using } from '../../shared/node/using';
import { S3Service } from '../../shared/storage/drivers/s3';

export const CREDENTIAL_TYPE = 'cloudPackS3Api';

/** One S3 client for the node's credential (the SDK is loaded here, on first use). */
export async function s3ServiceFor(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<S3Service> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return await S3Service.fromCredential(credentials);
}

/** The client for one picker search, destroyed afterwards. */
export async function withS3<T>(
	ctx: ILoadOptionsFunctions,
	use: (s3: S3Service) => Promise<T>,
): Promise<T> {
	return await using(
		async () => await s3ServiceFor(ctx),
		(s3) => s3.destroy(),
		use,
	);
}
