/** Blob downloads, whole or by range, resumed and checked by the shared download path. */
import type { Readable } from 'stream';

import type { DownloadOptions } from '../../driver';
import { md5Hash, ObjectChangedError, streamDownload } from '../../download';
import { InvalidNameError } from '../../errors';
import type { AzureConnection } from './client';
import { azureCall } from './errors';
import { lowerKeys } from './names';
import {
	assertBlobNames,
	contextFor,
	hex,
	iso,
	type AzureBlobInfo,
	type BlobNaming,
} from './blobs';

export interface BlobDownload {
	info: AzureBlobInfo & { range?: string; hashChecked?: string; hashNotChecked?: string };
	stream: Readable;
}

/**
 * Streams a blob, or the bytes `start`..`end` (inclusive; to the end when `end` is absent),
 * through the shared download path: a dropped or stalled body is asked again from the next
 * byte with If-Match on the first answer's ETag, and a whole blob is checked against its
 * Content-MD5 as the bytes pass.
 */
export async function downloadBlob(
	connection: AzureConnection,
	container: string,
	blob: string,
	range?: { start: number; end?: number },
	naming: BlobNaming = {},
	options: DownloadOptions = {},
): Promise<BlobDownload> {
	assertBlobNames(container, blob, naming);
	if (range && (!Number.isInteger(range.start) || range.start < 0)) {
		throw new InvalidNameError(
			'rangeStart',
			`Invalid "Range Start": ${range.start} must be a whole number from 0`,
		);
	}
	if (range?.end !== undefined && (!Number.isInteger(range.end) || range.end < range.start)) {
		throw new InvalidNameError(
			'rangeEnd',
			`Invalid "Range End": ${range.end} is before "Range Start" (${range.start})`,
		);
	}
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	const context = contextFor(connection, container, blob, naming);
	const offset = range?.start ?? 0;
	const count = range?.end !== undefined ? range.end - range.start + 1 : undefined;
	// From offset 0 without a count the SDK sends no Range header, so empty blobs download too.
	// The SDK's own resuming is off (maxRetryRequests 0): the shared path resumes instead.
	const response = await azureCall(
		context,
		async () => await client.download(offset, count, { maxRetryRequests: 0 }),
	);
	const body = response.readableStreamBody as Readable | undefined;
	if (!body) throw new Error('The Azure SDK returned no body stream (browser build?)');
	const length = response.contentLength ?? 0;
	const info: BlobDownload['info'] = {
		container,
		name: blob,
		size: length,
		contentType: response.contentType,
		contentEncoding: response.contentEncoding,
		contentLanguage: response.contentLanguage,
		contentDisposition: response.contentDisposition,
		cacheControl: response.cacheControl,
		md5: hex(response.blobContentMD5) ?? (range ? undefined : hex(response.contentMD5)),
		etag: response.etag,
		lastModified: iso(response.lastModified),
		createdOn: iso(response.createdOn),
		blobType: response.blobType,
		metadata: lowerKeys(response.metadata),
		...(response.contentRange ? { range: response.contentRange } : {}),
	};
	const expectedHash =
		options.verifyHash !== false && !range && info.md5 ? md5Hash(info.md5) : undefined;
	const reopen = async (from: number, last = offset + length - 1) => {
		try {
			const again = await azureCall(
				context,
				async () =>
					await client.download(from, last - from + 1, {
						maxRetryRequests: 0,
						conditions: { ifMatch: response.etag },
					}),
			);
			return again.readableStreamBody as Readable;
		} catch (error) {
			if ((error as { status?: number }).status === 412) throw new ObjectChangedError(blob);
			throw error;
		}
	};
	return streamDownload({
		key: blob,
		body,
		start: offset,
		length,
		reopen,
		openRange: reopen,
		expectedHash,
		info,
		range,
		options,
	});
}
