import type { IDataObject } from 'n8n-workflow';

import { tidy } from '../common';

/** A flavor with its RAM also in GB. */
export function describeFlavor(flavor: IDataObject): IDataObject {
	const out = tidy(flavor);
	return { ...out, ramGb: typeof flavor.ram === 'number' ? flavor.ram / 1024 : undefined };
}
