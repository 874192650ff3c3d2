import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import {
	descriptionOption,
	getDescription,
	getRecords,
	getTtl,
	nothingToUpdate,
	recordsParameter,
	ttlOption,
	waitOptions,
} from '../../inputs';
import { isRecordType } from '../../records';
import {
	describeRecordSet,
	getRecordSet,
	getRecordSetId,
	recordSetLocator,
	recordSetPath,
	type DesignateRecordSet,
} from '../../recordSets';
import { dnsRequest } from '../../transport';
import { waitUntilActiveParameter } from '../../waiting';
import { resolveZoneId, zoneLocator } from '../../zones';
import { settled } from './create';

export const description = forOperation(showFor('recordSet', 'update'), [
	zoneLocator,
	recordSetLocator,
	collection('Update Fields', [
		descriptionOption,
		{
			...recordsParameter,
			required: false,
			description: `${recordsParameter.description}. They replace the current records.`,
		},
		{
			...ttlOption,
			description: `${ttlOption.description}; 0 or more. Leave it out to keep the current TTL.`,
		},
	]),
	waitUntilActiveParameter,
	waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const recordSetId = getRecordSetId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.ttl !== undefined) body.ttl = getTtl(this, 'updateFields.ttl', itemIndex);
	if (fields.description !== undefined)
		body.description = getDescription(this, 'updateFields.description', itemIndex) || null;
	if (fields.records === undefined && Object.keys(body).length === 0) {
		throw nothingToUpdate(this, itemIndex);
	}
	const zoneId = await resolveZoneId(this, itemIndex);
	if (fields.records !== undefined) {
		// The records are checked against the record set's own type before anything is sent.
		const current = await getRecordSet(this, zoneId, recordSetId);
		if (!isRecordType(current.type)) {
			throw parameterError(
				this.getNode(),
				'updateFields.records',
				`the node writes records of types A, AAAA, CAA, CNAME, MX, NS, PTR, SRV and TXT; this record set is ${current.type}`,
				itemIndex,
				'Records',
			);
		}
		body.records = getRecords(this, 'updateFields.records', itemIndex, current.type);
	}
	const updated = await dnsRequest<DesignateRecordSet>(this, {
		method: 'PUT',
		path: recordSetPath(zoneId, recordSetId),
		body,
	});
	return describeRecordSet(await settled(this, itemIndex, updated));
}
