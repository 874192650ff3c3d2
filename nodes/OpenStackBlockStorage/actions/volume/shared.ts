import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	attachedServers,
	getVolume,
	volumeFinder,
	type CinderVolume,
} from '../../../shared/openstack/resources/blockStorage';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { volumeLocator } from '../../../shared/openstack/resources/locators';
import { tidy } from '../common';

export const volumeParameter = volumeLocator();

/** The volume the "Volume" parameter names, as it is now. */
export async function findVolume(ctx: IExecuteFunctions, itemIndex: number): Promise<CinderVolume> {
	const { id } = await findFromParameter(ctx, itemIndex, 'volume', 'Volume', volumeFinder);
	return await getVolume(ctx, id);
}

/** A volume in the node's words, with the servers it is attached to. */
export function describeVolume(volume: CinderVolume): IDataObject {
	return { ...tidy(volume), attachedTo: attachedServers(volume) };
}

export function volumeLabel(volume: CinderVolume): string {
	return volume.name ? `"${volume.name}"` : volume.id;
}
