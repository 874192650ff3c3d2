import { createHash, type Hash } from 'crypto';
import { createReadStream } from 'fs';
import { open, type FileHandle } from 'fs/promises';
import { Readable } from 'stream';

import type { UploadBody, UploadFile } from './driver';

/**
 * Part-by-part uploads with a fixed pool of part buffers.
 *
 * Why not a stream chunker (lib-storage, the Azure SDK's uploadStream)? Those copy every
 * incoming chunk into a fresh part buffer, so a 1 GiB upload allocates 1 GiB of buffers
 * beside the 1 GiB of read chunks. Inside n8n every such allocation is external memory,
 * and V8 answers external memory with full garbage collections of n8n's large heap:
 * measured, that was a third of a 1 GiB upload's time and most of its peak memory.
 * Here `concurrency + 1` buffers are allocated once and reused; a file (n8n's filesystem
 * binary store) is read straight into them, so the transfer allocates nothing per byte.
 */

export function isUploadFile(body: UploadBody): body is UploadFile {
	return !(body instanceof Readable) && typeof (body as UploadFile).path === 'string';
}

/** The body as a stream, for code that only takes one. */
export function uploadStream(body: UploadBody): Readable {
	return isUploadFile(body) ? createReadStream(body.path, { highWaterMark: 1024 * 1024 }) : body;
}

/** Releases a body that will not be read (a stream holds a file handle or a socket). */
export function discardBody(body: UploadBody): void {
	if (!isUploadFile(body)) body.destroy();
}

/** Fills caller-owned buffers with the next bytes of an upload, in order. */
export interface PartReader {
	/** Fills `into` from the current position; fewer bytes than its length only at the end. */
	fill(into: Buffer): Promise<number>;
	close(): Promise<void>;
}

class FileReader implements PartReader {
	private handle?: Promise<FileHandle>;

	constructor(
		private readonly path: string,
		private position = 0,
	) {}

	async fill(into: Buffer): Promise<number> {
		this.handle ??= open(this.path, 'r');
		const handle = await this.handle;
		let filled = 0;
		while (filled < into.length) {
			const { bytesRead } = await handle.read(into, filled, into.length - filled, this.position);
			if (bytesRead === 0) break;
			filled += bytesRead;
			this.position += bytesRead;
		}
		return filled;
	}

	async close(): Promise<void> {
		if (this.handle)
			await (await this.handle.catch(() => undefined))?.close().catch(() => undefined);
	}
}

class StreamReader implements PartReader {
	private readonly chunks: AsyncIterator<Buffer | string>;
	private rest?: Buffer;
	private ended = false;

	constructor(private readonly stream: Readable) {
		this.chunks = stream[Symbol.asyncIterator]();
	}

	async fill(into: Buffer): Promise<number> {
		let filled = 0;
		while (filled < into.length) {
			if (!this.rest || this.rest.length === 0) {
				if (this.ended) break;
				const next = await this.chunks.next();
				if (next.done) {
					this.ended = true;
					break;
				}
				this.rest = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
			}
			const copied = this.rest.copy(into, filled);
			filled += copied;
			this.rest = this.rest.subarray(copied);
		}
		return filled;
	}

	async close(): Promise<void> {
		this.rest = undefined;
		if (!this.ended) this.stream.destroy();
	}
}

/** A reader of the body; a file can be read from any `start` (a resumed upload), a stream only from 0. */
export function partReader(body: UploadBody, start = 0): PartReader {
	if (isUploadFile(body)) return new FileReader(body.path, start);
	if (start !== 0) throw new RangeError('A stream body can only be read from its start');
	return new StreamReader(body);
}

export interface Part {
	/** 1-based */
	number: number;
	/** offset of the first byte in the whole upload */
	offset: number;
	/** the bytes: a view of a pooled buffer, valid until `send` settles */
	data: Buffer;
}

/**
 * Sends one part whose MD5 the server checks (Azure's Content-MD5 of a block, Swift's ETag of a
 * segment), again when the server says the bytes arrived damaged, up to `attempts` times; the
 * part's buffer is still the caller's, so the same bytes go again.
 */
export async function sendCheckedPart<T>(
	send: () => Promise<T>,
	arrivedDamaged: (error: unknown) => boolean,
	attempts = 3,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			if (attempt >= attempts || !arrivedDamaged(error)) throw error;
		}
	}
}

/**
 * Sends the parts `next` gives, in order, `concurrency` at a time (`next` answers undefined
 * after the last). On the first failure, of `next` or of a send, no further part is taken,
 * the parts in flight settle, and the error is thrown. `settled` runs once each part's send
 * is over, whatever its outcome. The results are in part order.
 */
export async function sendInOrder<P extends { number: number }, T>(
	next: () => Promise<P | undefined>,
	send: (part: P) => Promise<T>,
	concurrency: number,
	settled: (part: P) => void = () => undefined,
): Promise<T[]> {
	const results: T[] = [];
	const inFlight = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	while (!failure) {
		let part: P | undefined;
		try {
			part = await next();
		} catch (error) {
			failure = { error };
			break;
		}
		if (!part) break;
		const taken = part;
		const tracked: Promise<void> = send(taken)
			.then(
				(result) => {
					results[taken.number - 1] = result;
				},
				(error: unknown) => {
					failure ??= { error };
				},
			)
			.finally(() => {
				inFlight.delete(tracked);
				settled(taken);
			});
		inFlight.add(tracked);
		while (inFlight.size >= concurrency && !failure) await Promise.race(inFlight);
	}
	await Promise.all(inFlight);
	if (failure) throw failure.error;
	return results;
}

interface Slot {
	/** The pooled buffer. */
	whole: Buffer;
	/** The part's bytes: a view of `whole`. */
	data: Buffer;
}

export interface PumpOptions {
	partSize: number;
	/** parts in flight at once */
	concurrency: number;
	/** hash the bytes on the way (hex digest in the result) */
	md5?: boolean;
}

/**
 * Reads an upload into pooled part buffers and sends the parts, `concurrency` at a time.
 * `first()` reads the first part alone, so the caller can pick a single request for a
 * small upload; `sendAll()` then sends every part (the first included). On the first
 * failure reading stops, the parts in flight settle, and the error is thrown.
 */
export class PartPump {
	private readonly pool: Buffer[] = [];
	private readonly hash?: Hash;
	private head?: Slot;
	private bytes = 0;
	private md5Hex?: string;

	constructor(
		private readonly reader: PartReader,
		private readonly options: PumpOptions,
	) {
		if (options.md5) this.hash = createHash('md5');
	}

	/** Bytes read so far. */
	get size(): number {
		return this.bytes;
	}

	/** Hex MD5 of everything read; set once the end was reached. */
	get md5(): string | undefined {
		return this.md5Hex;
	}

	/**
	 * The first part. `final` when it is shorter than a part, so it holds the whole upload
	 * (an upload of exactly one part size goes as parts, the second one empty and unsent).
	 */
	async first(): Promise<{ data: Buffer; final: boolean }> {
		this.head ??= await this.read();
		return { data: this.head.data, final: this.head.data.length < this.options.partSize };
	}

	async sendAll<T>(send: (part: Part) => Promise<T>): Promise<T[]> {
		await this.first();
		const slots = new Map<number, Buffer>();
		let number = 0;
		let offset = 0;
		let ended = false;
		const next = async (): Promise<Part | undefined> => {
			if (ended) return undefined;
			number++;
			const slot = number === 1 ? this.head! : await this.read();
			if (slot.data.length === 0 && number > 1) {
				this.pool.push(slot.whole);
				return undefined;
			}
			ended = slot.data.length < this.options.partSize;
			slots.set(number, slot.whole);
			const part: Part = { number, offset, data: slot.data };
			offset += slot.data.length;
			return part;
		};
		return await sendInOrder(next, send, this.options.concurrency, (part) => {
			this.pool.push(slots.get(part.number)!);
			slots.delete(part.number);
		});
	}

	/** Releases the file handle or stream and the buffers; call it whatever happened. */
	async close(): Promise<void> {
		this.pool.length = 0;
		this.head = undefined;
		await this.reader.close();
	}

	private async read(): Promise<Slot> {
		const whole = this.pool.pop() ?? Buffer.allocUnsafeSlow(this.options.partSize);
		const filled = await this.reader.fill(whole);
		const data = whole.subarray(0, filled);
		if (this.hash) {
			this.hash.update(data);
			if (filled < whole.length) this.md5Hex = this.hash.digest('hex');
		}
		this.bytes += filled;
		return { whole, data };
	}
}
