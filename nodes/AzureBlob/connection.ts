import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { toNodeError } from '../shared/node/errors';
import { using } from '../shared/node/using';
import {
	closeAzureConnection,
	createAzureConnection,
	type AzureBlobCredentialData,
	type AzureConnection,
} from '../shared/storage/drivers/azure/client';

export const AZURE_CREDENTIAL_TYPE = 'cloudPackAzureBlobApi';

/** The SDK client for the node's credential (the SDK itself is loaded here, lazily). */
export async function loadConnection(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<AzureConnection> {
	const credentials = await ctx.getCredentials(AZURE_CREDENTIAL_TYPE);
	try {
		return await createAzureConnection(credentials as AzureBlobCredentialData);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

/** The connection for one picker search, closed afterwards. */
export async function withConnection<T>(
	ctx: ILoadOptionsFunctions,
	use: (azure: AzureConnection) => Promise<T>,
): Promise<T> {
	return await using(async () => await loadConnection(ctx), closeAzureConnection, use);
}
