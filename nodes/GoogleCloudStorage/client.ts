import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { toNodeError } from '../shared/node/errors';
import { using } from '../shared/node/using';
import {
	GCS_CREDENTIAL_TYPE,
	closeGcsClient,
	createGcsClient,
	parseGcsCredential,
	type GcsClient,
} from '../shared/storage/drivers/gcs/client';

/** The SDK client for the node's credential (the SDK itself is loaded here, lazily). */
export async function loadClient(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<GcsClient> {
	const credentials = await ctx.getCredentials(GCS_CREDENTIAL_TYPE);
	try {
		return await createGcsClient(parseGcsCredential(credentials));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

/** The client for one picker search, closed afterwards. */
export async function withClient<T>(
	ctx: ILoadOptionsFunctions,
	use: (client: GcsClient) => Promise<T>,
): Promise<T> {
	return await using(async () => await loadClient(ctx), closeGcsClient, use);
}
