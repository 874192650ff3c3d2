/**
 * A small fake of the Google Cloud Storage JSON API (https://cloud.google.com/storage/docs/json_api),
 * for what the firebase-tools emulator cannot do: bucket insert/get/delete and resumable
 * uploads sent in chunks (308 Resume Incomplete + Range). Object bytes live in files, so a
 * 1 GiB upload or download streams through without being held in memory.
 *
 * Paths follow Google's layout (`/storage/v1/b/…`, `/upload/storage/v1/b/…`,
 * `/download/storage/v1/b/…`); like fake-gcs-server it also answers the JSON API at the root
 * (`/b/…`), which is where clients configured as for STORAGE_EMULATOR_HOST send it.
 * It checks no credentials. It is itself checked by driving the official
 * @google-cloud/storage client against it (test/integration/gcs-fake.test.ts).
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { crc32cBase64, crc32cUpdate } from './crc32c';

/** Google requires every chunk but the last to be a multiple of this. */
export const CHUNK_GRANULARITY = 256 * 1024;
const SIMPLE_UPLOAD_LIMIT = 64 * 1024 * 1024;

interface FakeObject {
	bucket: string;
	name: string;
	generation: string;
	metageneration: number;
	size: number;
	/** Absent on a composite object, as in Google's (compose keeps no MD5). */
	md5Hash?: string;
	crc32c: string;
	/** Objects composed into this one (compose only; Google caps it at 1,024). */
	componentCount?: number;
	contentType?: string;
	contentEncoding?: string;
	contentDisposition?: string;
	contentLanguage?: string;
	cacheControl?: string;
	metadata?: Record<string, string>;
	storageClass: string;
	timeCreated: string;
	updated: string;
	file: string;
}

interface FakeBucket {
	name: string;
	location: string;
	storageClass: string;
	timeCreated: string;
	updated: string;
	metageneration: number;
	objects: Map<string, FakeObject>;
}

interface Session {
	id: string;
	bucket: string;
	name: string;
	resource: Record<string, unknown>;
	/** bytes persisted so far */
	received: number;
	file: string;
	md5: Hash;
	crc: number;
	done?: FakeObject;
	cancelled?: boolean;
	/** ifGenerationMatch of the initiating request */
	ifGenerationMatch?: string;
	/** settles when the request being handled is over */
	busy?: Promise<void>;
}

export interface FakeRequest {
	method: string;
	/** path and query as received */
	path: string;
	status: number;
	/** request headers that matter to the protocol checks */
	contentRange?: string;
	bytes: number;
}

export interface GcsFake {
	url: string;
	projectId: string;
	requests: FakeRequest[];
	/** Answer the next `count` requests matching (method, path regexp) with `status`. */
	failNext(count: number, status: number, match?: { method?: string; path?: RegExp }): void;
	/**
	 * Flip a byte of the next resumable upload request matching, as a faulty network would; or,
	 * for a compose, of the composed object, as a faulty store would (its CRC32C is that of the
	 * damaged bytes, so it no longer matches the sources').
	 */
	corruptNext(match?: { method?: string; path?: RegExp }): void;
	/** Drop the connection of the next request matching, once `afterBytes` of its body arrived. */
	breakNext(afterBytes: number, match?: { method?: string; path?: RegExp }): void;
	/** Creates a bucket directly (test set-up). */
	addBucket(name: string, options?: { location?: string; storageClass?: string }): void;
	/** Ids of resumable sessions that were opened and neither finished nor cancelled. */
	openSessions(): string[];
	/** The stored bytes of an object, or undefined. */
	objectFile(bucket: string, name: string): string | undefined;
	close(): Promise<void>;
}

class FakeError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly reason: string,
	) {
		super(message);
	}
}

const notFoundBucket = () => new FakeError(404, 'The specified bucket does not exist.', 'notFound');
const notFoundObject = (bucket: string, name: string) =>
	new FakeError(404, `No such object: ${bucket}/${name}`, 'notFound');

function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=UTF-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function sendError(res: ServerResponse, error: FakeError) {
	sendJson(res, error.status, {
		error: {
			code: error.status,
			message: error.message,
			errors: [{ message: error.message, domain: 'global', reason: error.reason }],
		},
	});
}

async function readBody(req: IncomingMessage, limit = SIMPLE_UPLOAD_LIMIT): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit)
			throw new FakeError(
				413,
				'Request body too large for a simple upload; use a resumable upload.',
				'uploadTooLarge',
			);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const body = await readBody(req, 1024 * 1024);
	if (body.length === 0) return {};
	try {
		const parsed = JSON.parse(body.toString('utf8')) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			return parsed as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new FakeError(400, 'Parse Error', 'parseError');
}

/** Google's bucket naming rules, as the service enforces them. */
function validBucketName(name: string): boolean {
	if (!/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(name)) return false;
	if (name.includes('.')) {
		if (name.length > 222 || name.split('.').some((part) => part.length === 0 || part.length > 63))
			return false;
	} else if (name.length < 3 || name.length > 63) return false;
	if (
		/^\d{1,3}(\.\d{1,3}){3}$/.test(name) ||
		name.startsWith('goog') ||
		/g[o0][o0]g[l1]e/.test(name)
	)
		return false;
	return true;
}

function validObjectName(name: string): boolean {
	return (
		name.length > 0 &&
		Buffer.byteLength(name) <= 1024 &&
		!/[\r\n]/.test(name) &&
		name !== '.' &&
		name !== '..'
	);
}

const EDITABLE = [
	'contentType',
	'contentEncoding',
	'contentDisposition',
	'contentLanguage',
	'cacheControl',
] as const;

export async function startGcsFake(
	options: { projectId?: string; dir?: string; port?: number } = {},
): Promise<GcsFake> {
	const projectId = options.projectId ?? 'fake-project';
	const dir = options.dir ?? (await fs.mkdtemp(path.join(tmpdir(), 'gcs-fake-')));
	const ownsDir = options.dir === undefined;
	await fs.mkdir(path.join(dir, 'objects'), { recursive: true });
	await fs.mkdir(path.join(dir, 'sessions'), { recursive: true });
	const buckets = new Map<string, FakeBucket>();
	const sessions = new Map<string, Session>();
	const requests: FakeRequest[] = [];
	const faults: Array<{ count: number; status: number; method?: string; path?: RegExp }> = [];
	const breaks: Array<{ afterBytes: number; method?: string; path?: RegExp }> = [];
	const corruptions: Array<{ method?: string; path?: RegExp }> = [];
	const corrupted = new WeakSet<IncomingMessage>();
	let generationCounter = Date.now() * 1000;
	let baseUrl = '';

	const now = () => new Date().toISOString();
	const addBucket = (
		name: string,
		bucketOptions: { location?: string; storageClass?: string } = {},
	) => {
		const time = now();
		buckets.set(name, {
			name,
			location: (bucketOptions.location ?? 'US').toUpperCase(),
			storageClass: (bucketOptions.storageClass ?? 'STANDARD').toUpperCase(),
			timeCreated: time,
			updated: time,
			metageneration: 1,
			objects: new Map(),
		});
	};
	const bucketOr404 = (name: string) => {
		const bucket = buckets.get(name);
		if (!bucket) throw notFoundBucket();
		return bucket;
	};
	const objectOr404 = (bucketName: string, name: string, generation?: string | null) => {
		const object = bucketOr404(bucketName).objects.get(name);
		if (!object || (generation && generation !== object.generation))
			throw notFoundObject(bucketName, name);
		return object;
	};

	const bucketResource = (bucket: FakeBucket) => ({
		kind: 'storage#bucket',
		id: bucket.name,
		selfLink: `${baseUrl}/storage/v1/b/${bucket.name}`,
		projectNumber: '123456789012',
		name: bucket.name,
		timeCreated: bucket.timeCreated,
		updated: bucket.updated,
		metageneration: String(bucket.metageneration),
		location: bucket.location,
		locationType: bucket.location.includes('-') ? 'region' : 'multi-region',
		storageClass: bucket.storageClass,
		etag: 'CAE=',
	});
	const objectResource = (object: FakeObject) => {
		const encoded = encodeURIComponent(object.name);
		return {
			kind: 'storage#object',
			id: `${object.bucket}/${object.name}/${object.generation}`,
			selfLink: `${baseUrl}/storage/v1/b/${object.bucket}/o/${encoded}`,
			mediaLink: `${baseUrl}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
			name: object.name,
			bucket: object.bucket,
			generation: object.generation,
			metageneration: String(object.metageneration),
			contentType: object.contentType ?? 'application/octet-stream',
			storageClass: object.storageClass,
			size: String(object.size),
			...(object.md5Hash !== undefined ? { md5Hash: object.md5Hash } : {}),
			crc32c: object.crc32c,
			...(object.componentCount !== undefined ? { componentCount: object.componentCount } : {}),
			etag: `C${object.generation}`,
			timeCreated: object.timeCreated,
			updated: object.updated,
			timeStorageClassUpdated: object.timeCreated,
			...Object.fromEntries(
				EDITABLE.filter((field) => field !== 'contentType' && object[field] !== undefined).map(
					(field) => [field, object[field]],
				),
			),
			...(object.metadata && Object.keys(object.metadata).length
				? { metadata: object.metadata }
				: {}),
		};
	};

	/** Stores a finished upload as the new live generation of the object (ifGenerationMatch: 0 = must not exist). */
	const commit = async (
		bucketName: string,
		name: string,
		resource: Record<string, unknown>,
		file: string,
		size: number,
		md5: string | undefined,
		crc: string,
		ifGenerationMatch?: string | null,
	) => {
		const bucket = bucketOr404(bucketName);
		const previous = bucket.objects.get(name);
		if (
			ifGenerationMatch !== undefined &&
			ifGenerationMatch !== null &&
			ifGenerationMatch !== (previous?.generation ?? '0')
		) {
			await fs.rm(file, { force: true });
			throw new FakeError(
				412,
				'At least one of the pre-conditions you specified did not hold.',
				'conditionNotMet',
			);
		}
		const time = now();
		const object: FakeObject = {
			bucket: bucketName,
			name,
			generation: String(++generationCounter),
			metageneration: 1,
			size,
			md5Hash: md5,
			crc32c: crc,
			storageClass:
				typeof resource.storageClass === 'string' ? resource.storageClass : bucket.storageClass,
			timeCreated: time,
			updated: time,
			file,
		};
		for (const field of EDITABLE)
			if (typeof resource[field] === 'string' && resource[field])
				object[field] = resource[field] as string;
		if (resource.metadata && typeof resource.metadata === 'object') {
			object.metadata = Object.fromEntries(
				Object.entries(resource.metadata as Record<string, unknown>).map(([k, v]) => [
					k,
					String(v),
				]),
			);
		}
		bucket.objects.set(name, object);
		if (previous) await fs.rm(previous.file, { force: true });
		return object;
	};

	/** The client's declared hashes (x-goog-hash, or md5Hash/crc32c in the resource) must match. */
	/** The hashes declared in the object's metadata and in `X-Goog-Hash` must all match the bytes. */
	const checkHashes = (
		req: IncomingMessage,
		resource: Record<string, unknown>,
		md5: string,
		crc: string,
	) => {
		const header: Record<string, string> = {};
		for (const part of String(req.headers['x-goog-hash'] ?? '').split(',')) {
			const at = part.indexOf('=');
			if (at > 0) header[part.slice(0, at).trim()] = part.slice(at + 1).trim();
		}
		const metadata = {
			md5: typeof resource.md5Hash === 'string' ? resource.md5Hash : undefined,
			crc32c: typeof resource.crc32c === 'string' ? resource.crc32c : undefined,
		};
		for (const declared of [metadata, header]) {
			if (declared.md5 && declared.md5 !== md5) {
				throw new FakeError(
					400,
					`Provided MD5 hash "${declared.md5}" doesn't match calculated MD5 hash "${md5}".`,
					'invalid',
				);
			}
			if (declared.crc32c && declared.crc32c !== crc) {
				throw new FakeError(
					400,
					`Provided CRC32C "${declared.crc32c}" doesn't match calculated CRC32C "${crc}".`,
					'invalid',
				);
			}
		}
	};

	// ---- uploads ---------------------------------------------------------------------

	const simpleUpload = async (
		req: IncomingMessage,
		res: ServerResponse,
		bucketName: string,
		url: URL,
	) => {
		bucketOr404(bucketName);
		const type = url.searchParams.get('uploadType');
		const body = await readBody(req);
		let resource: Record<string, unknown> = {};
		let data = body;
		if (type === 'multipart') {
			const boundary = /boundary="?([^";]+)"?/i.exec(
				String(req.headers['content-type'] ?? ''),
			)?.[1];
			if (!boundary) throw new FakeError(400, 'Missing multipart boundary', 'invalid');
			const parts = splitMultipart(body, boundary);
			if (parts.length !== 2)
				throw new FakeError(
					400,
					`A multipart upload needs 2 parts, got ${parts.length}`,
					'invalid',
				);
			try {
				resource = JSON.parse(parts[0].body.toString('utf8')) as Record<string, unknown>;
			} catch {
				throw new FakeError(400, 'Metadata part is not JSON', 'parseError');
			}
			data = parts[1].body;
			if (!resource.contentType && parts[1].headers['content-type'])
				resource.contentType = parts[1].headers['content-type'];
		} else if (type === 'media') {
			resource = { contentType: req.headers['content-type'] };
		} else {
			throw new FakeError(400, `Unsupported uploadType "${type}"`, 'invalid');
		}
		const name =
			url.searchParams.get('name') ?? (typeof resource.name === 'string' ? resource.name : '');
		if (!validObjectName(name)) throw new FakeError(400, 'Invalid object name', 'invalid');
		const md5 = createHash('md5').update(data).digest('base64');
		const crc = crc32cBase64(crc32cUpdate(0, data));
		checkHashes(req, resource, md5, crc);
		const file = path.join(dir, 'objects', randomUUID());
		await fs.writeFile(file, data);
		const object = await commit(
			bucketName,
			name,
			resource,
			file,
			data.length,
			md5,
			crc,
			url.searchParams.get('ifGenerationMatch'),
		);
		sendJson(res, 200, objectResource(object));
	};

	const startResumable = async (
		req: IncomingMessage,
		res: ServerResponse,
		bucketName: string,
		url: URL,
	) => {
		bucketOr404(bucketName);
		const resource = await readJson(req);
		const name =
			url.searchParams.get('name') ?? (typeof resource.name === 'string' ? resource.name : '');
		if (!validObjectName(name)) throw new FakeError(400, 'Invalid object name', 'invalid');
		if (!resource.contentType && req.headers['x-upload-content-type'])
			resource.contentType = String(req.headers['x-upload-content-type']);
		const id = randomUUID().replace(/-/g, '');
		const file = path.join(dir, 'sessions', id);
		await fs.writeFile(file, '');
		const ifGenerationMatch = url.searchParams.get('ifGenerationMatch') ?? undefined;
		sessions.set(id, {
			id,
			bucket: bucketName,
			name,
			resource,
			received: 0,
			file,
			md5: createHash('md5'),
			crc: 0,
			ifGenerationMatch,
		});
		// The session URL names the host the client reached (a relay or a proxy in between too).
		const origin = req.headers.host ? `http://${req.headers.host}` : baseUrl;
		const location = `${origin}/upload/storage/v1/b/${encodeURIComponent(bucketName)}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`;
		res.writeHead(200, { Location: location, 'X-GUploader-UploadID': id, 'Content-Length': 0 });
		res.end();
	};

	const sessionOr404 = (url: URL) => {
		const session = sessions.get(url.searchParams.get('upload_id') ?? '');
		if (!session || session.cancelled)
			throw new FakeError(404, 'No such upload session.', 'notFound');
		return session;
	};

	const incomplete = (res: ServerResponse, session: Session) => {
		res.writeHead(308, {
			...(session.received > 0 ? { Range: `bytes=0-${session.received - 1}` } : {}),
			'Content-Length': 0,
		});
		res.end();
	};

	/**
	 * PUT to a session URI: a chunk (`Content-Range: bytes FIRST-LAST/TOTAL`), a whole or
	 * tail streamed in one request (`bytes FIRST-* / TOTAL|*`), or a status query
	 * (`bytes * / TOTAL|*`). Non-final chunks keep only whole 256 KiB units; the client
	 * learns what was kept from the Range header of the 308 and sends the rest again.
	 */
	/** Requests to one session are handled one at a time, as Google serializes them. */
	const putSession = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const session = sessionOr404(url);
		req.pause(); // keep the body until it is read (the request log's 'data' listener made it flow)
		const previous = session.busy;
		let release = () => {};
		session.busy = new Promise<void>((resolve) => (release = resolve));
		try {
			await previous;
			await putSessionNow(req, res, url, session);
		} finally {
			release();
		}
	};

	const putSessionNow = async (
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		session: Session,
	) => {
		if (session.cancelled) throw new FakeError(404, 'No such upload session.', 'notFound');
		if (session.done) {
			await drain(req);
			return sendJson(res, 200, objectResource(session.done));
		}
		const header = String(req.headers['content-range'] ?? '');
		const status = /^bytes \*\/(\d+|\*)$/.exec(header);
		if (status) {
			await drain(req);
			// `bytes */TOTAL` once all TOTAL bytes are held finalizes the upload (an empty last
			// chunk, as Google's clients send when the size was unknown until the end)
			if (status[1] !== '*' && Number(status[1]) === session.received)
				return await finish(req, res, session, session.received);
			return incomplete(res, session);
		}
		const range = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(header);
		if (!range && header) throw new FakeError(400, `Invalid Content-Range "${header}"`, 'invalid');
		const first = range ? Number(range[1]) : 0;
		const declaredLast = range && range[2] !== '*' ? Number(range[2]) : undefined;
		const total =
			range && range[3] !== '*'
				? Number(range[3])
				: range
					? undefined
					: Number(req.headers['content-length'] ?? NaN);
		if (first > session.received) {
			await drain(req);
			throw new FakeError(
				400,
				`Invalid request. According to the Content-Range header, the upload offset is ${first} byte(s), which exceeds already uploaded size of ${session.received} byte(s).`,
				'invalid',
			);
		}
		// Bytes before what is already persisted are skipped; the rest is appended (hashed on the way).
		let skip = session.received - first;
		const savedMd5 = session.md5.copy();
		const savedCrc = session.crc;
		const savedSize = session.received;
		let sent = 0;
		const out = await fs.open(session.file, 'a');
		const restore = async (size: number) => {
			session.md5 = savedMd5.copy();
			session.crc = savedCrc;
			await fs.truncate(session.file, size).catch(() => undefined);
			// hash again what is kept beyond the saved state
			if (size > savedSize) {
				for await (const chunk of createReadStream(session.file, {
					start: savedSize,
					end: size - 1,
				})) {
					session.md5.update(chunk as Buffer);
					session.crc = crc32cUpdate(session.crc, chunk as Buffer);
				}
			}
		};
		try {
			// each piece is on disk before the next is read, so a broken request keeps all that arrived
			for await (const chunk of req as AsyncIterable<Buffer>) {
				sent += chunk.length;
				let piece = chunk;
				if (skip > 0) {
					const cut = Math.min(skip, piece.length);
					skip -= cut;
					piece = piece.subarray(cut);
				}
				if (piece.length === 0) continue;
				if (corrupted.delete(req)) {
					piece = Buffer.from(piece);
					piece[0] ^= 0xff;
				}
				session.md5.update(piece);
				session.crc = crc32cUpdate(session.crc, piece);
				await out.write(piece);
			}
		} catch (error) {
			// The request broke off. Google keeps what it had persisted, which the client learns
			// from a status query; here: the whole 256 KiB units that arrived.
			await out.close();
			const arrived = (await fs.stat(session.file).catch(() => ({ size: savedSize }))).size;
			const kept = Math.max(savedSize, Math.floor(arrived / CHUNK_GRANULARITY) * CHUNK_GRANULARITY);
			await restore(kept);
			session.received = kept;
			throw error;
		}
		await out.close();
		const end = Math.max(savedSize, first + sent); // exclusive
		if (declaredLast !== undefined && declaredLast - first + 1 !== sent) {
			await restore(savedSize);
			throw new FakeError(
				400,
				`Content-Range ${header} does not match the ${sent} bytes sent.`,
				'invalid',
			);
		}
		if (total !== undefined && end > total) {
			await restore(savedSize);
			throw new FakeError(
				400,
				`Upload of ${end} bytes exceeds the declared size ${total}.`,
				'invalid',
			);
		}
		const final = total !== undefined ? end === total : range?.[2] === '*';
		if (!final) {
			// Keep whole 256 KiB units only, as Google may; the client resends the remainder.
			const kept = Math.max(savedSize, Math.floor(end / CHUNK_GRANULARITY) * CHUNK_GRANULARITY);
			if (kept < end) await restore(kept);
			session.received = kept;
			return incomplete(res, session);
		}
		session.received = end;
		return await finish(req, res, session, end);
	};

	/** Checks the declared hashes and stores the session's bytes as the object. */
	const finish = async (
		req: IncomingMessage,
		res: ServerResponse,
		session: Session,
		end: number,
	) => {
		const md5 = session.md5.digest('base64');
		const crc = crc32cBase64(session.crc);
		try {
			checkHashes(req, session.resource, md5, crc);
		} catch (error) {
			sessions.delete(session.id);
			await fs.rm(session.file, { force: true });
			throw error;
		}
		const file = path.join(dir, 'objects', randomUUID());
		await fs.rename(session.file, file);
		let object: FakeObject;
		try {
			object = await commit(
				session.bucket,
				session.name,
				session.resource,
				file,
				end,
				md5,
				crc,
				session.ifGenerationMatch,
			);
		} catch (error) {
			sessions.delete(session.id);
			throw error;
		}
		session.done = object;
		sendJson(res, 200, objectResource(object));
	};

	// ---- objects ---------------------------------------------------------------------

	const listObjects = (res: ServerResponse, bucketName: string, url: URL) => {
		const bucket = bucketOr404(bucketName);
		const prefix = url.searchParams.get('prefix') ?? '';
		const delimiter = url.searchParams.get('delimiter') ?? '';
		const maxResults = Math.min(Number(url.searchParams.get('maxResults') ?? 1000) || 1000, 1000);
		const after = url.searchParams.get('pageToken')
			? Buffer.from(url.searchParams.get('pageToken')!, 'base64url').toString('utf8')
			: '';
		const names = [...bucket.objects.keys()]
			.filter((name) => name.startsWith(prefix))
			.sort(byteOrder);
		const items: FakeObject[] = [];
		const prefixes: string[] = [];
		let last = '';
		let nextPageToken: string | undefined;
		for (const name of names) {
			const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
			const entry = cut >= 0 ? name.slice(0, cut + delimiter.length) : name;
			if (entry <= after || entry === last) continue;
			if (items.length + prefixes.length >= maxResults) {
				nextPageToken = Buffer.from(last, 'utf8').toString('base64url');
				break;
			}
			last = entry;
			if (cut >= 0) prefixes.push(entry);
			else items.push(bucket.objects.get(name)!);
		}
		sendJson(res, 200, {
			kind: 'storage#objects',
			...(nextPageToken ? { nextPageToken } : {}),
			...(prefixes.length ? { prefixes } : {}),
			...(items.length ? { items: items.map(objectResource) } : {}),
		});
	};

	const sendMedia = (req: IncomingMessage, res: ServerResponse, object: FakeObject): void => {
		const headers: Record<string, string | number> = {
			'Content-Type': object.contentType ?? 'application/octet-stream',
			ETag: `C${object.generation}`,
			'x-goog-generation': object.generation,
			'x-goog-metageneration': String(object.metageneration),
			'x-goog-stored-content-length': String(object.size),
			'x-goog-stored-content-encoding': object.contentEncoding ?? 'identity',
			'x-goog-hash':
				object.md5Hash === undefined
					? `crc32c=${object.crc32c}`
					: `crc32c=${object.crc32c},md5=${object.md5Hash}`,
			'Accept-Ranges': 'bytes',
		};
		const rangeHeader = req.headers.range;
		if (rangeHeader) {
			const match = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader);
			let start = match && match[1] !== '' ? Number(match[1]) : NaN;
			let end = match && match[2] !== '' ? Number(match[2]) : object.size - 1;
			if (match && match[1] === '' && match[2] !== '') {
				start = Math.max(0, object.size - Number(match[2]));
				end = object.size - 1;
			}
			if (!match || Number.isNaN(start) || start >= object.size || end < start) {
				res.writeHead(416, {
					'Content-Range': `bytes */${object.size}`,
					'Content-Type': 'text/plain',
				});
				res.end('The requested range cannot be satisfied.');
				return;
			}
			end = Math.min(end, object.size - 1);
			// Google sends no whole-object hash with a partial response's bytes to check.
			delete headers['x-goog-hash'];
			res.writeHead(206, {
				...headers,
				'Content-Range': `bytes ${start}-${end}/${object.size}`,
				'Content-Length': end - start + 1,
			});
			if (req.method === 'HEAD') res.end();
			else createReadStream(object.file, { start, end }).pipe(res);
			return;
		}
		res.writeHead(200, { ...headers, 'Content-Length': object.size });
		if (req.method === 'HEAD' || object.size === 0) res.end();
		else createReadStream(object.file).pipe(res);
	};

	const patchObject = async (req: IncomingMessage, res: ServerResponse, object: FakeObject) => {
		const patch = await readJson(req);
		for (const field of EDITABLE) {
			if (field in patch) {
				const value = patch[field];
				if (value === null || value === '') delete object[field];
				else object[field] = String(value);
			}
		}
		if ('metadata' in patch) {
			if (patch.metadata === null) delete object.metadata;
			else {
				const merged = { ...(object.metadata ?? {}) };
				for (const [key, value] of Object.entries(patch.metadata as Record<string, unknown>)) {
					if (value === null) delete merged[key];
					else merged[key] = String(value);
				}
				object.metadata = merged;
			}
		}
		object.metageneration += 1;
		object.updated = now();
		sendJson(res, 200, objectResource(object));
	};

	const rewrite = async (
		req: IncomingMessage,
		res: ServerResponse,
		method: string,
		seg: string[],
	) => {
		// b/SRC/o/OBJ/(rewriteTo|copyTo)/b/DST/o/DOBJ
		const [, srcBucket, , srcName, , , dstBucket, , dstName] = seg;
		const overrides = await readJson(req);
		const source = objectOr404(srcBucket, srcName);
		bucketOr404(dstBucket);
		if (!validObjectName(dstName)) throw new FakeError(400, 'Invalid object name', 'invalid');
		const file = path.join(dir, 'objects', randomUUID());
		await fs.copyFile(source.file, file);
		const resource: Record<string, unknown> = {
			...Object.fromEntries(EDITABLE.map((field) => [field, source[field]])),
			metadata: source.metadata,
			...overrides,
		};
		const object = await commit(
			dstBucket,
			dstName,
			resource,
			file,
			source.size,
			source.md5Hash,
			source.crc32c,
		);
		if (method === 'copyTo') return sendJson(res, 200, objectResource(object));
		sendJson(res, 200, {
			kind: 'storage#rewriteResponse',
			totalBytesRewritten: String(object.size),
			objectSize: String(object.size),
			done: true,
			resource: objectResource(object),
		});
	};

	/**
	 * objects.compose (https://cloud.google.com/storage/docs/json_api/v1/objects/compose): 1 to 32
	 * source objects of the same bucket, each optionally pinned by generation or
	 * objectPreconditions.ifGenerationMatch, concatenated into the destination in one step. The
	 * result has a CRC32C and a componentCount (at most 1,024 in all), no MD5.
	 */
	const compose = async (
		req: IncomingMessage,
		res: ServerResponse,
		bucketName: string,
		destName: string,
		url: URL,
	) => {
		const body = await readJson(req);
		bucketOr404(bucketName);
		if (!validObjectName(destName)) throw new FakeError(400, 'Invalid object name', 'invalid');
		const sources = Array.isArray(body.sourceObjects)
			? (body.sourceObjects as Array<Record<string, unknown>>)
			: [];
		if (sources.length === 0) throw new FakeError(400, 'Required: sourceObjects', 'required');
		if (sources.length > 32) {
			throw new FakeError(
				400,
				`The number of source components provided (${sources.length}) exceeds the maximum (32)`,
				'invalid',
			);
		}
		const objects = sources.map((source) => {
			const generation = source.generation === undefined ? null : String(source.generation);
			const object = objectOr404(bucketName, String(source.name ?? ''), generation);
			const wanted = (source.objectPreconditions as { ifGenerationMatch?: unknown } | undefined)
				?.ifGenerationMatch;
			if (wanted !== undefined && String(wanted) !== object.generation) {
				throw new FakeError(
					412,
					'At least one of the pre-conditions you specified did not hold.',
					'conditionNotMet',
				);
			}
			return object;
		});
		const componentCount = objects.reduce((sum, object) => sum + (object.componentCount ?? 1), 0);
		if (componentCount > 1024) {
			throw new FakeError(
				400,
				`The total component count (${componentCount}) exceeds the maximum (1024)`,
				'invalid',
			);
		}
		const file = path.join(dir, 'objects', randomUUID());
		const out = await fs.open(file, 'w');
		let crc = 0;
		let size = 0;
		let damage = corrupted.delete(req);
		try {
			for (const object of objects) {
				for await (const chunk of createReadStream(object.file)) {
					const data = Buffer.from(chunk as Buffer);
					if (damage && data.length > 0) {
						data[0] ^= 0xff;
						damage = false;
					}
					crc = crc32cUpdate(crc, data);
					size += data.length;
					await out.write(data);
				}
			}
		} finally {
			await out.close();
		}
		const destination = (body.destination ?? {}) as Record<string, unknown>;
		const object = await commit(
			bucketName,
			destName,
			destination,
			file,
			size,
			undefined,
			crc32cBase64(crc),
			url.searchParams.get('ifGenerationMatch'),
		);
		object.componentCount = componentCount;
		sendJson(res, 200, objectResource(object));
	};

	// ---- buckets ---------------------------------------------------------------------

	const listBuckets = (res: ServerResponse, url: URL) => {
		if (!url.searchParams.get('project'))
			throw new FakeError(400, 'Required parameter: project', 'required');
		const prefix = url.searchParams.get('prefix') ?? '';
		const maxResults = Math.min(Number(url.searchParams.get('maxResults') ?? 1000) || 1000, 1000);
		const after = url.searchParams.get('pageToken')
			? Buffer.from(url.searchParams.get('pageToken')!, 'base64url').toString('utf8')
			: '';
		const names = [...buckets.keys()]
			.filter((name) => name.startsWith(prefix) && name > after)
			.sort(byteOrder);
		const page = names.slice(0, maxResults);
		sendJson(res, 200, {
			kind: 'storage#buckets',
			...(names.length > maxResults
				? { nextPageToken: Buffer.from(page[page.length - 1]).toString('base64url') }
				: {}),
			...(page.length ? { items: page.map((name) => bucketResource(buckets.get(name)!)) } : {}),
		});
	};

	const insertBucket = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		if (!url.searchParams.get('project'))
			throw new FakeError(400, 'Required parameter: project', 'required');
		const body = await readJson(req);
		const name = typeof body.name === 'string' ? body.name : '';
		if (!validBucketName(name))
			throw new FakeError(400, `Invalid bucket name: '${name}'`, 'invalid');
		if (buckets.has(name)) {
			throw new FakeError(
				409,
				'Your previous request to create the named bucket succeeded and you already own it.',
				'conflict',
			);
		}
		const storageClass =
			typeof body.storageClass === 'string' ? body.storageClass.toUpperCase() : 'STANDARD';
		if (
			![
				'STANDARD',
				'NEARLINE',
				'COLDLINE',
				'ARCHIVE',
				'MULTI_REGIONAL',
				'REGIONAL',
				'DURABLE_REDUCED_AVAILABILITY',
			].includes(storageClass)
		) {
			throw new FakeError(400, `Invalid argument: storage class "${storageClass}".`, 'invalid');
		}
		addBucket(name, {
			location: typeof body.location === 'string' ? body.location : 'US',
			storageClass,
		});
		sendJson(res, 200, bucketResource(buckets.get(name)!));
	};

	// ---- dispatch --------------------------------------------------------------------

	const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const method = req.method ?? 'GET';
		let raw = url.pathname;
		let upload = false;
		let download = false;
		if (raw.startsWith('/upload/storage/v1/')) {
			upload = true;
			raw = raw.slice('/upload/storage/v1'.length);
		} else if (raw.startsWith('/download/storage/v1/')) {
			download = true;
			raw = raw.slice('/download/storage/v1'.length);
		} else if (raw.startsWith('/storage/v1/')) {
			raw = raw.slice('/storage/v1'.length);
		}
		const seg = raw.split('/').filter(Boolean).map(decode);
		if (seg[0] !== 'b')
			throw new FakeError(404, `Not Found: ${method} ${url.pathname}`, 'notFound');

		if (upload) {
			if (seg.length !== 3 || seg[2] !== 'o') throw new FakeError(404, 'Not Found', 'notFound');
			if (method === 'POST' && url.searchParams.get('uploadType') === 'resumable')
				return await startResumable(req, res, seg[1], url);
			if (method === 'POST') return await simpleUpload(req, res, seg[1], url);
			if (method === 'PUT') return await putSession(req, res, url);
			if (method === 'DELETE') {
				const session = sessionOr404(url);
				session.cancelled = true;
				sessions.delete(session.id);
				await fs.rm(session.file, { force: true });
				res.writeHead(499, { 'Content-Length': 0 });
				return res.end();
			}
			throw new FakeError(405, 'Method not allowed', 'invalid');
		}
		if (seg.length === 1) {
			if (method === 'GET') return listBuckets(res, url);
			if (method === 'POST') return await insertBucket(req, res, url);
		}
		if (seg.length === 2) {
			const bucket = bucketOr404(seg[1]);
			if (method === 'GET') return sendJson(res, 200, bucketResource(bucket));
			if (method === 'DELETE') {
				if (bucket.objects.size > 0)
					throw new FakeError(409, 'The bucket you tried to delete is not empty.', 'conflict');
				buckets.delete(bucket.name);
				res.writeHead(204);
				return res.end();
			}
		}
		if (seg.length === 3 && seg[2] === 'o' && method === 'GET')
			return listObjects(res, seg[1], url);
		if (seg.length === 4 && seg[2] === 'o') {
			const generation = url.searchParams.get('generation');
			if (method === 'GET' || method === 'HEAD') {
				const object = objectOr404(seg[1], seg[3], generation);
				if (download || url.searchParams.get('alt') === 'media') return sendMedia(req, res, object);
				return sendJson(res, 200, objectResource(object));
			}
			if (method === 'PATCH' || method === 'PUT')
				return await patchObject(req, res, objectOr404(seg[1], seg[3], generation));
			if (method === 'DELETE') {
				const object = objectOr404(seg[1], seg[3], generation);
				buckets.get(seg[1])!.objects.delete(object.name);
				await fs.rm(object.file, { force: true });
				res.writeHead(204);
				return res.end();
			}
		}
		if (seg.length === 5 && seg[2] === 'o' && seg[4] === 'compose' && method === 'POST')
			return await compose(req, res, seg[1], seg[3], url);
		if (
			seg.length === 9 &&
			seg[2] === 'o' &&
			(seg[4] === 'rewriteTo' || seg[4] === 'copyTo') &&
			method === 'POST'
		) {
			return await rewrite(req, res, seg[4], seg);
		}
		throw new FakeError(404, `Not Found: ${method} ${url.pathname}`, 'notFound');
	};

	const server = createServer((req, res) => {
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', baseUrl);
		let bytes = 0;
		const breakAt = breaks.findIndex(
			(b) =>
				(!b.method || b.method === method) && (!b.path || b.path.test(url.pathname + url.search)),
		);
		const broken = breakAt >= 0 ? breaks.splice(breakAt, 1)[0] : undefined;
		let dropped = false;
		const corruptAt = corruptions.findIndex(
			(c) =>
				(!c.method || c.method === method) && (!c.path || c.path.test(url.pathname + url.search)),
		);
		if (corruptAt >= 0) {
			corruptions.splice(corruptAt, 1);
			corrupted.add(req);
		}
		req.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			if (broken && !dropped && bytes >= broken.afterBytes) {
				dropped = true;
				requests.push({
					method,
					path: req.url ?? '',
					status: 0,
					contentRange: req.headers['content-range'] as string | undefined,
					bytes,
				});
				req.socket.destroy();
			}
		});
		res.on('finish', () =>
			requests.push({
				method,
				path: req.url ?? '',
				status: res.statusCode,
				contentRange: req.headers['content-range'] as string | undefined,
				bytes,
			}),
		);
		const fault = faults.find(
			(f) =>
				f.count > 0 &&
				(!f.method || f.method === method) &&
				(!f.path || f.path.test(url.pathname + url.search)),
		);
		if (fault) {
			fault.count -= 1;
			void drain(req).then(() =>
				sendError(
					res,
					new FakeError(fault.status, `Injected failure ${fault.status}`, 'backendError'),
				),
			);
			return;
		}
		handle(req, res, url)
			.catch((error: unknown) => {
				if (res.headersSent) return res.destroy();
				if (error instanceof FakeError) return sendError(res, error);
				if (
					(error as NodeJS.ErrnoException)?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
					(error as NodeJS.ErrnoException)?.code === 'ECONNRESET'
				) {
					return res.destroy();
				}
				sendError(
					res,
					new FakeError(500, (error as Error)?.message ?? String(error), 'backendError'),
				);
			})
			.finally(() => {
				if (!req.readableEnded) req.resume();
			});
	});
	server.requestTimeout = 0;
	// Longer than clients keep idle sockets, so a reused socket is never closed under a request.
	server.keepAliveTimeout = 65_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: baseUrl,
		projectId,
		requests,
		failNext(count, status, match = {}) {
			faults.push({ count, status, ...match });
		},
		corruptNext(match = {}) {
			corruptions.push(match);
		},
		breakNext(afterBytes, match = {}) {
			breaks.push({ afterBytes, ...match });
		},
		addBucket,
		openSessions: () =>
			[...sessions.values()].filter((s) => !s.done && !s.cancelled).map((s) => s.id),
		objectFile: (bucket, name) => buckets.get(bucket)?.objects.get(name)?.file,
		close: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			if (ownsDir) await fs.rm(dir, { recursive: true, force: true });
		},
	};
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function byteOrder(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function drain(req: IncomingMessage): Promise<void> {
	if (req.readableEnded) return;
	for await (const _ of req) void _;
}

/** Splits a multipart/related body into its parts (headers lower-cased). */
function splitMultipart(
	body: Buffer,
	boundary: string,
): Array<{ headers: Record<string, string>; body: Buffer }> {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Array<{ headers: Record<string, string>; body: Buffer }> = [];
	let at = body.indexOf(delimiter);
	while (at >= 0) {
		let start = at + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
		const next = body.indexOf(delimiter, start);
		if (next < 0) break;
		let part = body.subarray(start, next);
		if (part.subarray(part.length - 2).toString() === '\r\n')
			part = part.subarray(0, part.length - 2);
		const split = part.indexOf('\r\n\r\n');
		const headerText = split >= 0 ? part.subarray(0, split).toString('utf8') : '';
		const headers: Record<string, string> = {};
		for (const line of headerText.split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0)
				headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		parts.push({ headers, body: split >= 0 ? part.subarray(split + 4) : part });
		at = next;
	}
	return parts;
}
