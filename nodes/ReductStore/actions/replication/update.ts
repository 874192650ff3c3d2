import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { requireChange } from '../../../shared/node/errors';
import { forOperation, showFor } from '../common';
import {
	getReplicationName,
	optionalSettings,
	replicationName,
	replicationPath,
	requiredSettings,
	toApiSettings,
} from './common';

export const description = forOperation(showFor('replication', 'update'), [
	replicationName,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: (
			[
				...requiredSettings.map((property) => ({ ...property, required: false })),
				...optionalSettings,
				{
					displayName: 'Source Bucket',
					name: 'srcBucket',
					type: 'string',
					default: '',
					placeholder: 'e.g. sensors',
					description: 'The bucket whose new records are replicated',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
]);

/**
 * The API replaces a task's settings whole (PUT): the current settings are read first and only
 * the fields given here change. The destination token is never returned by the server, so it
 * must be given again to be kept.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getReplicationName(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireChange(this, fields, itemIndex, 'updateFields', 'add at least one field to change');
	const changes = toApiSettings(this, fields, itemIndex);
	const current = await reductRequest<{ settings?: IDataObject; info?: IDataObject }>(this, {
		path: replicationPath(name),
	});
	const settings: IDataObject = { ...(current.settings ?? {}), ...changes };
	for (const [key, value] of Object.entries(settings)) if (value === null) delete settings[key];
	await reductRequest(this, { method: 'PUT', path: replicationPath(name), body: settings });
	const { dst_token: _secret, ...shown } = settings;
	return { name, updated: true, settings: shown };
}
