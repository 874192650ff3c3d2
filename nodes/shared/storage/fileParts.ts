import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import type { Readable } from 'stream';

import type { UploadFile } from './driver';
import { sendInOrder } from './parts';

/**
 * Parts sent straight from n8n's file, by position, instead of from buffers.
 *
 * A part held in a buffer keeps its whole size in memory for as long as it is in flight, and
 * over a slow link that is the whole send: 16 parts of 5 MiB in flight held 80 MiB. Read from
 * the file as it goes out, a part holds one stream chunk at a time, so many parts can be in
 * flight in constant memory (but every chunk is a new allocation: see PART_POOL_BUDGET). Each
 * part is read once before it is sent, through one small reused buffer, for the MD5 the server
 * checks it against; a retry reads it from the file again.
 */

/**
 * Up to this, a pool of `concurrency + 1` part buffers is the cheaper way even for a file: inside
 * n8n every stream chunk is a fresh allocation its garbage collector must answer (measured, the
 * S3 node's loopback upload peaked 29 MiB higher streaming its 4 parts than from the pool). Beyond
 * it, as with the many parts in flight a long link needs, the parts stream from the file.
 */
export const PART_POOL_BUDGET = 32 * 1024 * 1024;

/** Whether an upload of `file` in parts should stream them from it (see PART_POOL_BUDGET). */
export function streamsPartsFromFile(
	file: UploadFile,
	partSize: number,
	concurrency: number,
): boolean {
	return file.size > partSize && (concurrency + 1) * partSize > PART_POOL_BUDGET;
}

/** The bytes read at a time to hash a part. */
const HASH_CHUNK = 1024 * 1024;
/** The bytes a part's stream reads at a time. */
const STREAM_CHUNK = 64 * 1024;

export interface FilePart {
	/** 1-based */
	number: number;
	/** Offset of the part's first byte in the file. */
	offset: number;
	size: number;
	/** MD5 digest of the part's bytes. */
	md5: Buffer;
	/** A new stream of the part's bytes (one per attempt); every one is closed when the part settles. */
	open(): Readable;
}

export interface FilePartsOptions {
	partSize: number;
	/** Parts in flight at once. */
	concurrency: number;
	/** Also hash the whole file on the way (hex digest in the result). */
	md5?: boolean;
}

export interface FilePartsResult<T> {
	results: T[];
	/** Hex MD5 of the whole file, when asked for. */
	md5?: string;
}

/**
 * Sends `file` as parts of `partSize` bytes (the last one shorter), `concurrency` at a time, in
 * order; an empty file has no parts. Fails, after the parts in flight settled, on the first
 * failed part or when the file holds fewer bytes than its stated size.
 */
export async function sendFileParts<T>(
	file: UploadFile,
	options: FilePartsOptions,
	send: (part: FilePart) => Promise<T>,
): Promise<FilePartsResult<T>> {
	const whole = options.md5 ? createHash('md5') : undefined;
	const handle = await open(file.path, 'r');
	const scratch = Buffer.allocUnsafeSlow(Math.min(HASH_CHUNK, Math.max(1, options.partSize)));
	const streams = new Map<number, Readable[]>();
	let offset = 0;
	let number = 0;

	const hashRange = async (start: number, size: number): Promise<Buffer> => {
		const hash = createHash('md5');
		for (let done = 0; done < size;) {
			const want = Math.min(scratch.length, size - done);
			const { bytesRead } = await handle.read(scratch, 0, want, start + done);
			if (bytesRead === 0) {
				throw new Error(
					`The file to upload ended at byte ${start + done}, before its ${file.size} bytes`,
				);
			}
			const view = scratch.subarray(0, bytesRead);
			hash.update(view);
			whole?.update(view);
			done += bytesRead;
		}
		return hash.digest();
	};

	const next = async (): Promise<FilePart | undefined> => {
		if (offset >= file.size) return undefined;
		const part = { number: ++number, offset, size: Math.min(options.partSize, file.size - offset) };
		offset += part.size;
		const md5 = await hashRange(part.offset, part.size);
		return {
			...part,
			md5,
			open: () => {
				const stream = createReadStream(file.path, {
					start: part.offset,
					end: part.offset + part.size - 1,
					highWaterMark: STREAM_CHUNK,
				});
				streams.set(part.number, [...(streams.get(part.number) ?? []), stream]);
				return stream;
			},
		};
	};

	try {
		const results = await sendInOrder(next, send, options.concurrency, (part) => {
			for (const stream of streams.get(part.number) ?? []) stream.destroy();
			streams.delete(part.number);
		});
		return { results, md5: whole?.digest('hex') };
	} finally {
		await handle.close().catch(() => undefined);
	}
}
