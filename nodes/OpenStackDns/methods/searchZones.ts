import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { DesignateZone } from '../zones';
import { pickerPage } from './page';

/** The project's zones whose name contains the filter. */
export async function searchZones(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pickerPage<DesignateZone>(
		this,
		'/zones',
		'zones',
		(zone) => zone.name,
		filter,
		paginationToken,
	);
}
