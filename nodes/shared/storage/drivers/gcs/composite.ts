/**
 * Parallel composite uploads (https://cloud.google.com/storage/docs/parallel-composite-uploads):
 * the body is cut into parts that go at once as temporary objects, which are then composed into
 * the object in one step (Google composes up to 32 objects per request, so more parts are first
 * composed in rounds into temporary composites) and deleted, also when anything failed: no
 * temporary object is left behind by an upload that ends, well or not (only a process killed
 * mid-upload leaves its folder: a lifecycle rule on COMPOSITE_TEMP_PREFIX sweeps those).
 *
 * Google keeps no MD5 for a composite object, only a CRC32C: it is checked here against the
 * CRC32C of the bytes sent, combined from those of the parts (which the SDK checked as each part
 * went), so the whole object is verified without reading it again.
 */
import { randomUUID } from 'crypto';
import type { Bucket, File, FileMetadata } from '@google-cloud/storage';

import type { UploadBody } from '../../driver';
import { HashMismatchError, InvalidNameError, StorageError } from '../../errors';
import { PartPump, partReader, type Part } from '../../parts';
import type { GcsClient } from './client';
import { crc32cBase64, crc32cCombine, crc32cFromBase64 } from './crc32c';
import type { GcsErrorContext } from './errors';
import { gcsCall } from './handles';
import { gcsLabel } from './names';
import { sendInOneRequest } from './oneRequest';

/** Objects per compose request, and components in one composite object (Google's limits). */
const SOURCES_PER_COMPOSE = 32;
export const MAX_COMPOSITE_COMPONENTS = 1024;
/** Where the temporary objects live, in the same bucket (compose needs that): a folder per upload. */
export const COMPOSITE_TEMP_PREFIX = 'cloud-pack-tmp/parallel-composite/';
/** Temporary objects deleted at once after the upload. */
const DELETE_CONCURRENCY = 8;

export interface CompositeUploadOptions {
	/** Bytes per part (each a temporary object). */
	partSize: number;
	/** Parts in flight at once. */
	concurrency: number;
	/** Known size: the part size grows so that the parts stay within Google's 1,024 components. */
	size?: number;
	/** Hex MD5 the content must have (computed as the bytes pass; nothing is composed otherwise). */
	expectedMd5?: string;
	/** The generation the object may replace (0: it must not exist). */
	ifGenerationMatch: number;
}

/** A stored temporary object: a part, or a composite of parts. */
interface Piece {
	name: string;
	generation: string;
	crc: number;
	size: number;
}

export interface CompositeResult {
	resource: FileMetadata;
	md5?: string;
	crc32c: string;
	size: number;
}

/** The part size for `size` bytes: at least `partSize`, and few enough parts for one object. */
export function compositePartSize(partSize: number, size: number | undefined): number {
	if (size === undefined || Math.ceil(size / partSize) <= MAX_COMPOSITE_COMPONENTS) return partSize;
	const MiB = 1024 * 1024;
	return Math.ceil(size / MAX_COMPOSITE_COMPONENTS / MiB) * MiB;
}

function pieceOf(name: string, resource: FileMetadata, size: number): Piece {
	if (resource.crc32c === undefined || resource.generation === undefined) {
		throw new Error(
			`Google Cloud Storage stored the temporary object "${name}" without a CRC32C or generation`,
		);
	}
	return {
		name,
		generation: String(resource.generation),
		crc: crc32cFromBase64(resource.crc32c),
		size,
	};
}

/** Composes `sources` (in order) into `target`, pinned to their generations. */
async function compose(
	target: File,
	sources: Piece[],
	destination: FileMetadata,
	ifGenerationMatch: number,
): Promise<Piece> {
	const [resource] = (await target.request({
		method: 'POST',
		uri: '/compose',
		qs: { ifGenerationMatch },
		json: {
			destination,
			sourceObjects: sources.map((source) => ({
				name: source.name,
				generation: source.generation,
			})),
		},
	})) as unknown as [FileMetadata];
	const size = sources.reduce((sum, source) => sum + source.size, 0);
	const crc = sources.reduce(
		(combined, source, index) =>
			index === 0 ? source.crc : crc32cCombine(combined, source.crc, source.size),
		0,
	);
	const piece = pieceOf(target.name, resource, size);
	if (piece.crc !== crc || Number(resource.size) !== size) {
		// what Google made is not what was sent: remove exactly that generation
		await target
			.delete({ ignoreNotFound: true, ifGenerationMatch: Number(piece.generation) })
			.catch(() => undefined);
		throw new StorageError(
			'HashMismatch',
			`Google Cloud Storage composed other data than was sent into "${target.name}" (CRC32C ${String(resource.crc32c)}, ${String(resource.size)} bytes; sent ${crc32cBase64(crc)}, ${size} bytes)`,
			'key',
		);
	}
	target.metadata = resource;
	return piece;
}

/**
 * Deletes every object under the upload's own folder: listed rather than remembered, so that a
 * part or composite whose answer was lost (stored, but the request failed) goes as well.
 */
async function deleteFolder(bucket: Bucket, folder: string): Promise<void> {
	const [files] = await bucket.getFiles({ prefix: folder, autoPaginate: true });
	const queue = [...files];
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift())
			await next.delete({ ignoreNotFound: true });
	};
	await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
}

/**
 * Uploads `body` into `file` as a parallel composite upload. The object appears at once, in one
 * compose, only after every part arrived intact (and matched `expectedMd5`); it replaces only
 * the generation named (412 otherwise). The temporary objects are deleted whatever happened.
 */
export async function uploadComposite(
	client: GcsClient,
	file: File,
	body: UploadBody,
	metadata: FileMetadata,
	options: CompositeUploadOptions,
	context: GcsErrorContext,
): Promise<CompositeResult> {
	const bucket = file.bucket;
	const folder = `${COMPOSITE_TEMP_PREFIX}${randomUUID()}/`;
	const partSize = compositePartSize(options.partSize, options.size);
	const pump = new PartPump(partReader(body), {
		partSize,
		concurrency: options.concurrency,
		md5: Boolean(options.expectedMd5),
	});
	// Google keeps no MD5 for a composite: an expected one is checked here instead
	const destination: FileMetadata = { ...metadata };
	delete destination.md5Hash;
	try {
		const parts = await pump.sendAll(async (part: Part): Promise<Piece> => {
			if (part.number > MAX_COMPOSITE_COMPONENTS) {
				throw new InvalidNameError(
					'compositePartSize',
					`The upload needs more than ${MAX_COMPOSITE_COMPONENTS} parts: raise ${gcsLabel('compositePartSize')}`,
				);
			}
			const name = `${folder}${String(part.number).padStart(5, '0')}`;
			// no precondition: the name is this upload's own, and a retry after a lost answer
			// must be able to store the same bytes again
			const resource = await gcsCall(
				async () =>
					await sendInOneRequest(
						bucket.file(name),
						part.data,
						{ contentType: 'application/octet-stream' },
						client.policy,
					),
				context,
			);
			return pieceOf(name, resource, part.data.length);
		});
		if (options.expectedMd5 && pump.md5 !== options.expectedMd5) {
			throw new HashMismatchError(file.name, options.expectedMd5, pump.md5 ?? '');
		}
		// rounds of 32 into temporary composites until one compose makes the object
		let level = parts;
		for (let round = 1; level.length > SOURCES_PER_COMPOSE; round++) {
			const next: Piece[] = [];
			for (let start = 0; start < level.length; start += SOURCES_PER_COMPOSE) {
				const name = `${folder}round-${round}-${String(next.length).padStart(5, '0')}`;
				const piece = await gcsCall(
					async () =>
						await compose(
							bucket.file(name),
							level.slice(start, start + SOURCES_PER_COMPOSE),
							{ contentType: 'application/octet-stream' },
							0,
						),
					context,
				);
				next.push(piece);
			}
			level = next;
		}
		const whole = await gcsCall(
			async () => await compose(file, level, destination, options.ifGenerationMatch),
			context,
		);
		return {
			resource: file.metadata,
			md5: pump.md5,
			crc32c: crc32cBase64(whole.crc),
			size: whole.size,
		};
	} finally {
		await pump.close();
		await deleteFolder(bucket, folder).catch(() => undefined);
	}
}
