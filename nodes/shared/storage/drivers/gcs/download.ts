import { PassThrough, type Readable } from 'stream';

import type { ByteRange, DownloadResult } from '../../driver';
import { InvalidNameError } from '../../errors';
import type { GcsClient } from './client';
import { toGcsError } from './errors';
import { objectContext } from './handles';
import { gcsLabel } from './names';
import { getObject } from './objects';

/** Streams an object (or a byte range of it); the range is checked against the object's size first. */
export async function downloadObject(
	client: GcsClient,
	bucket: string,
	key: string,
	range?: ByteRange,
	names: { bucket?: string; key?: string } = {},
): Promise<DownloadResult> {
	if (range?.end !== undefined && range.end < range.start) {
		throw new InvalidNameError(
			'rangeEnd',
			`Invalid ${gcsLabel('rangeEnd')}: ${range.end} is before "Range Start" (${range.start})`,
		);
	}
	const info = await getObject(client, bucket, key, names);
	const context = objectContext(client, bucket, key, names);
	// Read the generation just described, so that the bytes match the metadata returned.
	const generation = info.generation === undefined ? undefined : Number(info.generation);
	const file = client.storage
		.bucket(bucket)
		.file(key, generation === undefined || Number.isNaN(generation) ? {} : { generation });
	let source: Readable;
	let result = info;
	if (range && !(info.size === 0 && range.start === 0)) {
		const end = range.end ?? info.size - 1;
		if (
			!Number.isInteger(range.start) ||
			range.start < 0 ||
			range.start >= info.size ||
			end < range.start
		) {
			throw new InvalidNameError(
				'rangeStart',
				`The byte range ${range.start}-${range.end ?? ''} is outside the object (size ${info.size})`,
			);
		}
		const last = Math.min(end, info.size - 1);
		source = file.createReadStream({ start: range.start, end: last, validation: false });
		result = {
			...info,
			size: last - range.start + 1,
			range: `bytes ${range.start}-${last}/${info.size}`,
		};
	} else {
		source = file.createReadStream();
	}
	const stream = new PassThrough();
	source.on('error', (error) => stream.destroy(toGcsError(error, context)));
	stream.on('close', () => {
		if (!source.destroyed) source.destroy();
	});
	source.pipe(stream);
	return { info: result, stream };
}
