import type { IDataObject } from 'n8n-workflow';

import { volumeFinder } from '../../shared/openstack/resources/blockStorage';
import { relatedFilter } from './common';

/** "Only the … of this volume": the filter and how it becomes `volume_id`. */
export const volumeFilter = (plural: string) =>
	relatedFilter('Volume', 'e.g. data-1', `Only the ${plural} of this volume`);

export const volumeRule = { query: 'volume_id', finder: volumeFinder, label: 'Volume' };

/**
 * Checks the query on the node's side too: below microversion 3.31 Cinder ignores filters its
 * operator did not enable.
 */
export const matchesQuery = (query: IDataObject) => (entry: IDataObject) =>
	Object.entries(query).every(([key, value]) => entry[key] === value);
