import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { describeZone, resolveZone, zoneLocator } from '../../zones';

export const description = forOperation(showFor('zone', 'get'), [zoneLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return describeZone(await resolveZone(this, itemIndex));
}
