/**
 * The bytes of a Google Cloud Storage resumable upload, sent from pooled part buffers
 * (../../parts.ts) instead of the SDK's write stream, which copies every chunk into fresh
 * buffers (inside n8n: full garbage collections of its heap, see parts.ts).
 *
 * The SDK opens the session (authorization, metadata, generation precondition); the bytes
 * go as PUTs to the session URI, which is its own authorization
 * (https://cloud.google.com/storage/docs/performing-resumable-uploads). Two ways:
 * - one request (default): `Content-Range: bytes FROM-*` + `/TOTAL` (or `/*`), the parts
 *   written into it as they are read. After a transient failure the server is asked what it
 *   kept (`bytes * /TOTAL`, answered 308 with a Range) and a file body is sent again from
 *   there; a stream cannot go back, so its upload fails and the caller cancels the session.
 * - chunks (`chunkSize`): one PUT per part, `bytes A-B/*`, the last one with the total and
 *   `X-Goog-Hash`. A chunk is retried on its own from its buffer, from where the server's
 *   Range says (Google may keep less than was sent). An upload of unknown size that ends
 *   exactly on a chunk boundary is finalized with an empty `bytes * /TOTAL`.
 * Every retry follows the pack's policy (decideRetry); its budget restarts whenever the
 * server confirms progress. CRC32C (and MD5 when asked) of the bytes are computed on the way,
 * once per byte even when bytes are resent; the caller checks them against the object.
 * The PUTs are plain `http(s).request`s rather than the pack's shared transport: that one goes
 * through n8n's request helper, which takes a whole body or a stream, and cannot tell when a
 * reused buffer has been written. They use Node's global agents, which n8n replaces with its
 * proxy agents when HTTP(S)_PROXY is set, so they take the same route as n8n's own requests.
 */
import { createHash, type Hash } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import { sleep } from 'n8n-workflow';

import type { UploadBody } from '../../driver';
import { PartPump, isUploadFile, partReader, type Part, type PartReader } from '../../parts';
import {
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	type RetryPolicy,
} from '../../../transport/retryPolicy';
import { crc32c, crc32cBase64 } from './crc32c';

/** Part buffers of a one-request upload: small, they only keep the socket fed. */
const STREAMED_PART_SIZE = 2 * 1024 * 1024;
const STREAMED_CONCURRENCY = 3;
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface ResumableSendOptions {
	/** Total bytes, when known. */
	size?: number;
	/** Send chunks of this many bytes (a multiple of 256 KiB), each its own request. */
	chunkSize?: number;
	/** Also compute the MD5 of the bytes. */
	md5?: boolean;
	policy: RetryPolicy;
}

export interface ResumableResult {
	/** The object resource Google answered the final request with. */
	resource: Record<string, unknown>;
	/** Bytes sent. */
	size: number;
	/** CRC32C of the bytes sent, base64 of the big-endian value (as Google reports it). */
	crc32c: string;
	/** Hex MD5 of the bytes sent, when asked. */
	md5?: string;
}

/** An answer other than 2xx/308, shaped like the SDK's errors (code, message, errors). */
export class ResumableHttpError extends Error {
	readonly errors?: Array<{ reason?: string; message?: string }>;

	constructor(
		readonly code: number | string,
		message: string,
		readonly retryAfterMs?: number,
		errors?: Array<{ reason?: string; message?: string }>,
	) {
		super(message);
		this.name = 'ResumableHttpError';
		this.errors = errors;
	}
}

/** Errors of the source (n8n's file or stream), never retried. */
const sourceErrors = new WeakSet<object>();

function sourceError(error: unknown): unknown {
	if (error && typeof error === 'object') sourceErrors.add(error);
	return error;
}

function fromSource(reader: PartReader): PartReader {
	return {
		fill: async (into) => {
			try {
				return await reader.fill(into);
			} catch (error) {
				throw sourceError(error);
			}
		},
		close: async () => await reader.close(),
	};
}

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

/** Writes one buffer; settles once the request no longer needs it (written, or closed). */
function writeTo(request: http.ClientRequest, data: Buffer): Promise<void> {
	return new Promise((resolve, reject) => {
		const closed = () => reject(new Error('The upload request was closed'));
		request.once('close', closed);
		request.write(data, (error) => {
			request.off('close', closed);
			if (error) reject(error);
			else resolve();
		});
	});
}

/**
 * One PUT to the session URI. `body` writes into the request; the answer is returned once
 * both the answer and the writing are over (a server may answer before it has read it all).
 */
async function put(
	uri: URL,
	headers: http.OutgoingHttpHeaders,
	timeoutMs: number,
	body?: (request: http.ClientRequest, answered: () => boolean) => Promise<void>,
	method = 'PUT',
): Promise<Answer> {
	const transport = uri.protocol === 'https:' ? https : http;
	const request = transport.request(uri, { method, headers });
	let answered = false;
	if (timeoutMs > 0) {
		request.setTimeout(timeoutMs, () => {
			request.destroy(
				Object.assign(new Error(`No data moved for ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
			);
		});
	}
	const answer = new Promise<Answer>((resolve, reject) => {
		// kept for the request's whole life: a late error (after the answer) must not go unheard
		request.on('error', reject);
		request.once('response', (response) => {
			answered = true;
			const chunks: Buffer[] = [];
			let length = 0;
			response.on('data', (chunk: Buffer) => {
				if (length < MAX_ANSWER_BYTES) chunks.push(chunk);
				length += chunk.length;
			});
			response.on('error', reject);
			response.once('end', () => {
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					text: Buffer.concat(chunks).toString('utf8'),
				});
			});
		});
	});
	if (!body) {
		request.end();
		return await answer;
	}
	const writing = body(request, () => answered).then(
		() => {
			if (!answered) request.end();
		},
		(error: unknown) => {
			if (!answered) request.destroy(error as Error);
			throw error;
		},
	);
	let received: Answer;
	try {
		received = await answer;
	} catch (error) {
		await writing.catch(() => undefined);
		throw error;
	}
	// Answered before the body was all sent: stop sending (the socket cannot be reused).
	if (!request.writableFinished) request.destroy();
	await writing.catch(() => undefined);
	return received;
}

/** What a 308 says the server holds: `Range: bytes=0-LAST`, or nothing yet. */
function keptBytes(answer: Answer): number {
	const range = /bytes=0-(\d+)/.exec(String(answer.headers.range ?? ''));
	return range ? Number(range[1]) + 1 : 0;
}

function isDone(answer: Answer): boolean {
	return answer.status === 200 || answer.status === 201;
}

function refusal(answer: Answer): ResumableHttpError {
	let message = answer.text.trim().slice(0, 2000) || `HTTP ${answer.status}`;
	let errors: Array<{ reason?: string; message?: string }> | undefined;
	try {
		const parsed = JSON.parse(answer.text) as {
			error?: { message?: string; errors?: typeof errors };
		};
		if (parsed.error?.message) message = parsed.error.message;
		errors = parsed.error?.errors;
	} catch {
		// not JSON: keep the text
	}
	if (answer.status === 404 || answer.status === 410) {
		// the session, not the object: it expired or was cancelled
		return new ResumableHttpError(
			'UploadSessionGone',
			`The resumable upload session is gone (${answer.status}): ${message}`,
		);
	}
	return new ResumableHttpError(
		answer.status,
		message,
		parseRetryAfter(answer.headers['retry-after']),
		errors,
	);
}

function parseResource(answer: Answer): Record<string, unknown> {
	try {
		const parsed = JSON.parse(answer.text) as unknown;
		if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new Error(
		`Google Cloud Storage finished the upload but answered no object resource (HTTP ${answer.status})`,
	);
}

class ResumableUpload {
	private readonly uri: URL;
	private readonly md5Hash?: Hash;
	private crc = 0;
	/** Bytes hashed so far: every byte once, in order. */
	private hashedTo = 0;
	/** Bytes the server confirmed it holds. */
	private persisted = 0;
	/** Failed attempts since the server last confirmed progress, and when the first of them failed. */
	private attempts = 0;
	private since = 0;

	constructor(
		uri: string,
		private readonly body: UploadBody,
		private readonly options: ResumableSendOptions,
	) {
		this.uri = new URL(uri);
		if (options.md5) this.md5Hash = createHash('md5');
	}

	async run(): Promise<ResumableResult> {
		const answer = this.options.chunkSize
			? await this.sendChunks(this.options.chunkSize)
			: await this.sendStreamed();
		return {
			resource: parseResource(answer),
			size: this.hashedTo,
			crc32c: crc32cBase64(this.crc),
			md5: this.md5Hash?.digest('hex'),
		};
	}

	private get total(): string {
		return this.options.size === undefined ? '*' : String(this.options.size);
	}

	/** Hashes the bytes of `data` (at `offset`) not hashed yet. */
	private hash(offset: number, data: Buffer): void {
		if (offset > this.hashedTo)
			throw new Error(`Upload bytes out of order: ${offset} after ${this.hashedTo}`);
		const fresh = data.subarray(this.hashedTo - offset);
		if (fresh.length === 0) return;
		this.crc = crc32c(this.crc, fresh);
		this.md5Hash?.update(fresh);
		this.hashedTo += fresh.length;
	}

	private checkLength(end: number): void {
		const size = this.options.size;
		if (size !== undefined && end > size) {
			throw sourceError(
				new Error(`The binary data is longer than its declared size of ${size} bytes`),
			);
		}
	}

	private progress(kept: number): void {
		if (kept > this.persisted) {
			this.persisted = kept;
			this.attempts = 0;
		}
	}

	/**
	 * After a failed attempt: waits as the policy says, then asks the server what it holds.
	 * Returns the final answer when the upload turns out complete; throws when not to retry.
	 */
	private async recover(error: unknown, replayable: boolean): Promise<Answer | undefined> {
		let failure = error;
		for (;;) {
			if (sourceErrors.has(failure as object)) throw failure;
			// the budget counts from the first failure since the last progress, not from the
			// start: a long upload that breaks after an hour still gets its retries
			if (this.attempts === 0) this.since = Date.now();
			this.attempts++;
			const status =
				failure instanceof ResumableHttpError && typeof failure.code === 'number'
					? failure.code
					: undefined;
			const decision = decideRetry(
				{
					attemptsMade: this.attempts,
					status,
					retryAfterMs: failure instanceof ResumableHttpError ? failure.retryAfterMs : undefined,
					transientNetworkError: status === undefined && isRetryableNetworkError(failure),
					replayable,
					elapsedMs: Date.now() - this.since,
				},
				this.options.policy,
			);
			if (!decision.retry) throw failure;
			await sleep(decision.delayMs);
			try {
				const answer = await put(
					this.uri,
					{ 'Content-Range': `bytes */${this.total}`, 'Content-Length': 0 },
					this.options.policy.idleTimeoutMs,
				);
				if (isDone(answer)) return answer;
				if (answer.status !== 308) throw refusal(answer);
				this.progress(keptBytes(answer));
				return undefined;
			} catch (queryError) {
				failure = queryError;
			}
		}
	}

	/** The whole upload in one request; a file body resumes from what the server kept. */
	private async sendStreamed(): Promise<Answer> {
		const replayable = isUploadFile(this.body);
		for (;;) {
			const from = this.persisted;
			let failure: unknown;
			try {
				const answer = await this.streamFrom(from);
				if (isDone(answer)) return answer;
				if (answer.status !== 308) throw refusal(answer);
				// the request ended but the server holds less than the whole: resend the rest
				this.progress(keptBytes(answer));
				failure = new ResumableHttpError(
					503,
					`The server kept ${keptBytes(answer)} of the bytes sent`,
				);
			} catch (error) {
				failure = error;
			}
			const done = await this.recover(failure, replayable);
			if (done) return done;
		}
	}

	private async streamFrom(from: number): Promise<Answer> {
		const size = this.options.size;
		const pump = new PartPump(fromSource(partReader(this.body, from)), {
			partSize: STREAMED_PART_SIZE,
			concurrency: STREAMED_CONCURRENCY,
		});
		const headers: http.OutgoingHttpHeaders = { 'Content-Range': `bytes ${from}-*/${this.total}` };
		if (size !== undefined) headers['Content-Length'] = size - from;
		try {
			return await put(
				this.uri,
				headers,
				this.options.policy.idleTimeoutMs,
				async (request, answered) => {
					await pump.sendAll(async (part: Part) => {
						if (answered()) throw new Error('The server answered before the upload was sent');
						const offset = from + part.offset;
						this.checkLength(offset + part.data.length);
						this.hash(offset, part.data);
						await writeTo(request, part.data);
					});
					if (size !== undefined && from + pump.size !== size) {
						throw sourceError(
							new Error(
								`The binary data is shorter than its declared size: ${from + pump.size} of ${size} bytes`,
							),
						);
					}
				},
			);
		} finally {
			await pump.close();
		}
	}

	/** One request per chunk, the next chunk read while the current one is sent. */
	private async sendChunks(chunkSize: number): Promise<Answer> {
		const pump = new PartPump(fromSource(partReader(this.body)), {
			partSize: chunkSize,
			concurrency: 2,
		});
		let queue: Promise<Answer | undefined> = Promise.resolve(undefined);
		let final: Answer | undefined;
		try {
			await pump.sendAll(async (part: Part) => {
				const turn = queue.then(async () => await this.sendChunk(part, chunkSize));
				queue = turn;
				const answer = await turn;
				if (answer) final = answer;
			});
			// unknown size, ending exactly on a chunk boundary: nothing told the server the total yet
			final ??= await this.sendChunk(
				{ number: 0, offset: pump.size, data: Buffer.alloc(0) },
				chunkSize,
				true,
			);
			if (!final) throw new Error('The resumable upload ended without a final answer');
			return final;
		} finally {
			await pump.close();
		}
	}

	/** Sends one chunk until the server holds it; the final answer for the last chunk. */
	private async sendChunk(
		part: Part,
		chunkSize: number,
		last?: boolean,
	): Promise<Answer | undefined> {
		const start = part.offset;
		const end = start + part.data.length;
		this.checkLength(end);
		const size = this.options.size;
		const isLast = last ?? (size !== undefined ? end === size : part.data.length < chunkSize);
		this.hash(start, part.data);
		for (;;) {
			const from = Math.max(this.persisted, start);
			let failure: unknown;
			try {
				if (from < start)
					throw new Error(
						`The server lost bytes it had confirmed (it holds ${from}, the chunk starts at ${start})`,
					);
				const data = part.data.subarray(from - start);
				const headers: http.OutgoingHttpHeaders = {
					'Content-Length': data.length,
					'Content-Range':
						data.length > 0 ? `bytes ${from}-${end - 1}/${isLast ? end : '*'}` : `bytes */${end}`,
				};
				if (isLast) headers['X-Goog-Hash'] = this.hashHeader();
				const answer = await put(
					this.uri,
					headers,
					this.options.policy.idleTimeoutMs,
					data.length > 0 ? async (request) => await writeTo(request, data) : undefined,
				);
				if (isDone(answer)) return answer;
				if (answer.status !== 308) throw refusal(answer);
				const kept = keptBytes(answer);
				if (kept <= from && data.length > 0)
					throw new ResumableHttpError(
						503,
						`The server kept none of the ${data.length} bytes sent`,
					);
				this.progress(kept);
				if (!isLast && kept >= end) return undefined;
				continue;
			} catch (error) {
				failure = error;
			}
			const done = await this.recover(failure, true);
			if (done) return done;
		}
	}

	private hashHeader(): string {
		const md5 = this.md5Hash?.copy().digest('base64');
		return `crc32c=${crc32cBase64(this.crc)}${md5 ? `,md5=${md5}` : ''}`;
	}
}

/** Sends `body` to an open resumable session and returns Google's final answer. */
export async function sendResumable(
	uri: string,
	body: UploadBody,
	options: ResumableSendOptions,
): Promise<ResumableResult> {
	return await new ResumableUpload(uri, body, options).run();
}

/** Cancels an unfinished session (Google answers 499); best effort: an unfinished session keeps no object and expires. */
export async function cancelResumable(uri: string): Promise<void> {
	try {
		await put(new URL(uri), { 'Content-Length': 0 }, 10_000, undefined, 'DELETE');
	} catch {
		// nothing more to do: the upload has failed already
	}
}
