import { buildRouter } from '../shared/node/router';
import { closeAzureConnection, type AzureConnection } from '../shared/storage/drivers/azure/client';
import * as blob from './actions/blob';
import * as container from './actions/container';
import { loadConnection } from './connection';

export const router = buildRouter<AzureConnection>({
	resources: [container, blob],
	defaultResource: 'blob',
	setup: loadConnection,
	release: closeAzureConnection,
	// the storage layer's names of a blob
	aliases: { key: 'blob', sourceKey: 'sourceBlob' },
});
