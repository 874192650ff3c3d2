import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { deleteBlob, type DeleteSnapshots } from '../../../shared/storage/drivers/azure/blobs';
import { NAMING, blobLocator, containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('blob', 'delete');

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	{
		displayName: 'Snapshots',
		name: 'deleteSnapshots',
		type: 'options',
		options: [
			{ name: 'Delete the Blob and Its Snapshots', value: 'include' },
			{ name: 'Delete Only the Snapshots', value: 'only', description: 'Keep the blob itself' },
			{
				name: 'Refuse If It Has Snapshots',
				value: 'none',
				description: 'Delete the blob only when it has no snapshot',
			},
		],
		default: 'include',
		description: 'What to do with the snapshots of the blob',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const deleteSnapshots = this.getNodeParameter(
		'deleteSnapshots',
		itemIndex,
		'include',
	) as DeleteSnapshots;
	await deleteBlob(azure, container, blob, { deleteSnapshots }, NAMING);
	return {
		container,
		name: blob,
		deleted: deleteSnapshots !== 'only',
		snapshotsDeleted: deleteSnapshots !== 'none',
	};
}
