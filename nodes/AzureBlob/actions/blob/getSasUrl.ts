import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import { expiresInParameter, getExpiresIn, type UrlExpiry } from '../../../shared/node/urls';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import {
	MAX_ACCOUNT_KEY_SAS_SECONDS,
	SAS_PERMISSIONS,
	generateBlobSasUrl,
} from '../../../shared/storage/drivers/azure/sas';
import { labelOf } from '../../../shared/node/errors';
import { NAMING, blobLocator, containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('blob', 'getSasUrl');

/** The limit depends on how the credential signs: generateBlobSasUrl checks it. */
const SAS_EXPIRY: UrlExpiry = {
	max: MAX_ACCOUNT_KEY_SAS_SECONDS,
	help: 'up to 365 days when signed with the account key, up to 7 days (604800) with Microsoft Entra ID',
};

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	{
		displayName: 'Permissions',
		name: 'permissions',
		type: 'multiOptions',
		options: SAS_PERMISSIONS.map(({ name, value, description }) => ({ name, value, description })),
		default: ['read'],
		description: 'What the holder of the URL may do with the blob',
	},
	expiresInParameter(SAS_EXPIRY),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const raw = this.getNodeParameter('permissions', itemIndex, []) as unknown;
	const permissions = Array.isArray(raw)
		? raw.map(String)
		: String(raw ?? '')
				.split(',')
				.map((p) => p.trim())
				.filter(Boolean);
	const expiresInSeconds = getExpiresIn(this, itemIndex, SAS_EXPIRY);
	const sas = await generateBlobSasUrl(
		azure,
		container,
		blob,
		{
			permissions,
			expiresInSeconds,
			permissionsParameter: 'permissions',
			expiryParameter: 'expiresIn',
			expiryLabel: labelOf(this.getNode(), 'expiresIn'),
		},
		NAMING,
	);
	return { container, name: blob, ...sas };
}
