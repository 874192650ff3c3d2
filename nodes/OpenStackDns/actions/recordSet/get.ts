import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import {
	describeRecordSet,
	getRecordSet,
	getRecordSetId,
	recordSetLocator,
} from '../../recordSets';
import { resolveZoneId, zoneLocator } from '../../zones';

export const description = forOperation(showFor('recordSet', 'get'), [
	zoneLocator,
	recordSetLocator,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const recordSetId = getRecordSetId(this, itemIndex);
	const zoneId = await resolveZoneId(this, itemIndex);
	return describeRecordSet(await getRecordSet(this, zoneId, recordSetId));
}
