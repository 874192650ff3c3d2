import type { IExecuteFunctions } from 'n8n-workflow';

import type { ByteRange, StorageDriver } from '../../../shared/storage/driver';
import { getInteger, getLocatorValue } from '../../../shared/node/parameters';
import { parameterError } from '../../../shared/node/errors';
import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'download');
const OUTPUT_FIELD_LABEL = 'Put Output File in Field';

export const description = forOperation(displayOptions, [
	containerLocator(),
	keyLocator(),
	...downloadOutputAndRange('object'),
]);

function readRange(ctx: IExecuteFunctions, itemIndex: number): ByteRange | undefined {
	if (!(ctx.getNodeParameter('useRange', itemIndex, false) as boolean)) return undefined;
	const start = getInteger(ctx, 'rangeStart', itemIndex, { min: 0, fallback: 0 });
	const end = getInteger(ctx, 'rangeEnd', itemIndex, { min: -1, fallback: -1 });
	if (end !== -1 && end < start) {
		throw parameterError(
			ctx.getNode(),
			'rangeEnd',
			`${end} is before "Range Start" (${start})`,
			itemIndex,
		);
	}
	return { start, end: end === -1 ? undefined : end };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const key = getLocatorValue(this, 'key', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw parameterError(
			this.getNode(),
			'binaryPropertyName',
			'it must not be empty',
			itemIndex,
			OUTPUT_FIELD_LABEL,
		);
	}
	const range = readRange(this, itemIndex);
	const { info, stream } = await driver.download(container, key, range);
	const binary = await keyBinary(this, stream, key, info.contentType);
	return { json: { ...info }, binary: { [property]: binary } };
}
