import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { waitForStatus } from '../../../shared/openstack/wait';
import { volumeFinder } from '../../../shared/openstack/resources/blockStorage';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { volumeLocator } from '../../../shared/openstack/resources/locators';
import {
	optionsCollection,
	forOperation,
	getWait,
	serviceRequest,
	showFor,
	tidy,
	waitParameters,
} from '../common';

export const description = forOperation(showFor('snapshot', 'create'), [
	volumeLocator({ description: 'The volume to snapshot' }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. data-1-before-upgrade',
	},
	...waitParameters('Wait Until Available', 'Whether to wait until the snapshot is available'),
	optionsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'Force (Volume In Use)',
			name: 'force',
			type: 'boolean',
			default: false,
			description:
				'Whether to snapshot a volume attached to a running server (its data may be inconsistent)',
		},
	]),
]);

const snapshotPath = (id: string) => `/snapshots/${encodeURIComponent(id)}`;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const volume = await findFromParameter(this, itemIndex, 'volume', 'Volume', volumeFinder);
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeoutSeconds = getWait(this, itemIndex);
	const body: IDataObject = { volume_id: volume.id, force: options.force === true };
	if (name) body.name = name;
	if (options.description) body.description = options.description;
	const { snapshot } = await serviceRequest<{ snapshot: IDataObject & { id: string } }>(
		this,
		'block-storage',
		{ method: 'POST', path: '/snapshots', body: { snapshot: body } },
	);
	if (timeoutSeconds === undefined) return tidy(snapshot);
	const { resource } = await waitForStatus<IDataObject>({
		node: this.getNode(),
		poll: async () =>
			(
				await serviceRequest<{ snapshot: IDataObject }>(this, 'block-storage', {
					path: snapshotPath(snapshot.id),
				})
			).snapshot,
		status: (found) => found.status as string,
		until: ['available'],
		failOn: ['error'],
		timeoutSeconds,
		describe: `snapshot "${name || snapshot.id}"`,
		itemIndex,
	});
	return tidy(resource!);
}
