import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import { reductRequest } from '../../transport';
import { bucketLocator, forOperation, showFor } from '../common';
import {
	getReplicationName,
	optionalSettings,
	replicationName,
	replicationPath,
	requiredSettings,
	toApiSettings,
} from './common';

export const description = forOperation(showFor('replication', 'create'), [
	replicationName,
	bucketLocator('srcBucket', 'Source Bucket', 'The bucket whose new records are replicated'),
	...requiredSettings,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: optionalSettings,
	},
]);

/** POST /replications/:name with the task's settings. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getReplicationName(this, itemIndex);
	const settings = toApiSettings(
		this,
		{
			srcBucket: getLocatorValue(this, 'srcBucket', itemIndex),
			dstHost: this.getNodeParameter('dstHost', itemIndex),
			dstBucket: this.getNodeParameter('dstBucket', itemIndex),
			...(this.getNodeParameter('options', itemIndex, {}) as IDataObject),
		},
		itemIndex,
	);
	if (settings.when === null) delete settings.when;
	await reductRequest(this, { method: 'POST', path: replicationPath(name), body: settings });
	const { dst_token: _secret, ...shown } = settings;
	return { name, created: true, settings: shown };
}
