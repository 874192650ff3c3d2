import * as http from 'http';
import type { AddressInfo } from 'net';
import { Transform, type TransformCallback } from 'stream';

/** Passes a request on to `target` unchanged and streams the answer back (for fault-injecting test proxies). */
export function forwardRequest(
	target: URL,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	shape: { request?: Transform; answer?: (answer: http.IncomingMessage) => void } = {},
): http.ClientRequest {
	const upstream = http.request(
		{
			host: target.hostname,
			port: target.port,
			method: req.method,
			path: req.url,
			headers: req.headers,
		},
		(answer) => {
			if (shape.answer) return shape.answer(answer);
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => res.destroy());
	if (shape.request) req.pipe(shape.request).pipe(upstream);
	else req.pipe(upstream);
	return upstream;
}

/**
 * The faults a transfer must survive (or fail on clearly, leaving nothing behind):
 * - `reset`: the connection is cut after `offset` bytes of the body;
 * - `stall`: the body stops after `offset` bytes, the connection stays open;
 * - `busy`: cut after `offset` bytes, then the next ranged request (download) or the next body
 *   (upload) is answered `status` with Retry-After;
 * - `corrupt`: the byte at `offset` is flipped on the way;
 * - `change`: after `offset` bytes of a download the connection is cut and `onStrike` replaces
 *   the object; requests that come meanwhile wait for it (the resumed request must not splice
 *   the new version in).
 */
export type FaultKind = 'reset' | 'stall' | 'busy' | 'corrupt' | 'change';

export interface FaultPlan {
	kind: FaultKind;
	/** A download fault strikes an answer's body, an upload fault a request's body. */
	direction: 'download' | 'upload';
	offset: number;
	status?: 429 | 503;
	onStrike?: () => Promise<void>;
}

/** Counts the bytes of a body and calls `at` once when `offset` is about to pass. */
class ByteWatch extends Transform {
	private passed = 0;
	private fired = false;
	private dropping = false;

	constructor(
		private readonly offset: number,
		private readonly at: (watch: ByteWatch) => 'cut' | 'flip' | 'hold' | 'pass',
	) {
		super();
	}

	_transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
		if (this.dropping) return done();
		const end = this.passed + chunk.length;
		if (this.fired || end <= this.offset) {
			this.passed = end;
			return done(null, chunk);
		}
		this.fired = true;
		const inside = this.offset - this.passed;
		this.passed = end;
		const action = this.at(this);
		if (action === 'pass') return done(null, chunk);
		if (action === 'flip') {
			const copy = Buffer.from(chunk);
			copy[inside] ^= 0xff;
			return done(null, copy);
		}
		// 'cut' and 'hold' pass the bytes before the offset, then nothing more
		this.dropping = true;
		if (inside > 0) this.push(chunk.subarray(0, inside));
		done();
		if (action === 'cut') setImmediate(() => this.emit('cut'));
	}
}

/**
 * A proxy in front of a local server that injects one armed fault into the first transfer
 * whose body is longer than the fault's offset, and passes everything else on unchanged.
 */
export class FaultProxy {
	/** How often the armed fault struck (0 or 1; a ranged `busy` answer counts apart). */
	struck = 0;
	busyAnswers = 0;
	/** The request the fault struck last, for messages. */
	lastStruck = '';
	/** Requests that came after the fault struck (a resumed download asks again). */
	requestsAfterStrike = 0;
	/** The client closed the struck answer before its end (its damaged byte may never be read). */
	struckAnswerDropped = false;
	/** What `onStrike` threw, if anything (the object was then not replaced). */
	strikeError?: unknown;
	/** GETs of a bounded byte range (`Range` or Azure's `x-ms-range`: bytes=a-b), every request. */
	boundedRangeGets = 0;
	private plan?: FaultPlan;
	private busyPending = false;
	/** While the object is being replaced, new requests wait (the change falls between two). */
	private changing?: Promise<void>;

	private constructor(
		private readonly server: http.Server,
		private readonly target: URL,
	) {}

	static async start(target: string): Promise<FaultProxy> {
		const server = http.createServer();
		const proxy = new FaultProxy(server, new URL(target));
		server.on('request', (req, res) => {
			if (!proxy.changing) return proxy.handle(req, res);
			void proxy.changing.then(() => proxy.handle(req, res));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return proxy;
	}

	get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	arm(plan: FaultPlan) {
		this.plan = plan;
		this.struck = 0;
		this.busyAnswers = 0;
		this.requestsAfterStrike = 0;
		this.struckAnswerDropped = false;
		this.busyPending = false;
		this.strikeError = undefined;
	}

	disarm() {
		this.plan = undefined;
		this.busyPending = false;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private answerBusy(req: http.IncomingMessage, res: http.ServerResponse, status: number) {
		this.busyPending = false;
		this.busyAnswers++;
		req.resume();
		req.on('end', () => {
			res.writeHead(status, { 'retry-after': '1', 'content-type': 'text/plain' });
			res.end('busy (injected by the test proxy)');
		});
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const plan = this.plan;
		if (this.struck) this.requestsAfterStrike++;
		const range = req.headers['x-ms-range'] ?? req.headers.range;
		if (req.method === 'GET' && /^bytes=\d+-\d+$/.test(String(range ?? '')))
			this.boundedRangeGets++;
		const bodyLength = Number(req.headers['content-length'] ?? 0);
		const sending = req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH';
		// a chunked body (no Content-Length) is watched too: the fault strikes if it gets long enough
		const chunked = !req.headers['content-length'] && Boolean(req.headers['transfer-encoding']);
		if (plan && this.busyPending) {
			const ranged =
				plan.direction === 'download' &&
				req.method === 'GET' &&
				(req.headers.range || req.headers['x-ms-range']);
			const bigBody = plan.direction === 'upload' && sending && (bodyLength > 0 || chunked);
			if (ranged || bigBody) return this.answerBusy(req, res, plan.status ?? 503);
		}
		if (
			plan &&
			!this.struck &&
			plan.direction === 'upload' &&
			sending &&
			(bodyLength > plan.offset || chunked)
		) {
			return this.strikeUpload(plan, req, res);
		}
		if (plan && !this.struck && plan.direction === 'download' && req.method === 'GET') {
			this.lastStruck = `${req.method} ${req.url} ${req.headers.range ?? ''}`;
			return forwardRequest(this.target, req, res, {
				answer: (answer) => this.maybeStrikeDownload(plan, answer, res),
			});
		}
		forwardRequest(this.target, req, res);
	}

	private strikeUpload(plan: FaultPlan, req: http.IncomingMessage, res: http.ServerResponse) {
		const watch = new ByteWatch(plan.offset, () => {
			if (this.struck) return 'pass';
			this.struck++;
			// busy from the strike on: the cut itself comes a turn of the event loop later
			if (plan.kind === 'busy') this.busyPending = true;
			return plan.kind === 'corrupt' ? 'flip' : 'cut';
		});
		const upstream = forwardRequest(this.target, req, res, { request: watch });
		watch.on('cut', () => {
			upstream.destroy();
			req.socket.destroy();
		});
	}

	private maybeStrikeDownload(
		plan: FaultPlan,
		answer: http.IncomingMessage,
		res: http.ServerResponse,
	) {
		const length = Number(answer.headers['content-length'] ?? 0);
		res.writeHead(answer.statusCode ?? 502, answer.headers);
		// object bytes only: not a listing's or a metadata request's JSON or XML
		const ok =
			(answer.statusCode === 200 || answer.statusCode === 206) &&
			!/json|xml/.test(String(answer.headers['content-type'] ?? ''));
		// `offset` is an object position: a ranged answer (a resume, a part of a parallel
		// download) is struck at its place in the object; the fault strikes once, in the first
		// answer whose bytes reach it (a client may close an answer before, e.g. one whose first
		// part it has read).
		const from = Number(
			/^bytes (\d+)-/.exec(String(answer.headers['content-range'] ?? ''))?.[1] ?? 0,
		);
		const at = plan.offset - from;
		if (this.struck || !ok || at < 0 || length <= at) {
			answer.pipe(res);
			return;
		}
		const watch = new ByteWatch(at, () => {
			if (this.struck) return 'pass';
			this.struck++;
			// busy from the strike on: a request that arrives before the cut (setImmediate) counts
			// as one after the strike, and must be answered busy as well
			if (plan.kind === 'busy') this.busyPending = true;
			// a cut closes the answer itself: dropped only when the client had closed it before
			if (plan.kind === 'corrupt' || plan.kind === 'stall')
				res.on('close', () => (this.struckAnswerDropped ||= !res.writableFinished));
			else this.struckAnswerDropped = res.destroyed;
			return plan.kind === 'corrupt' ? 'flip' : plan.kind === 'stall' ? 'hold' : 'cut';
		});
		watch.on('cut', () => {
			answer.destroy();
			res.socket?.destroy();
			// the connection is cut first (a server may refuse to replace an object it is still
			// sending); the request that resumes waits until the object has been replaced
			if (plan.kind === 'change' && plan.onStrike) {
				this.changing = plan
					.onStrike()
					.catch((error: unknown) => {
						this.strikeError = error;
					})
					.finally(() => {
						this.changing = undefined;
					});
			}
		});
		answer.pipe(watch).pipe(res);
	}
}

/**
 * A proxy that passes everything on and replaces `from` by `to` in every answer's body (read
 * whole: meant for small JSON answers, e.g. a Keystone token whose catalog must point at a
 * fault proxy instead of the real service).
 */
export async function startRewritingProxy(
	target: string,
	from: string,
	to: string,
): Promise<{ url: string; close: () => Promise<void> }> {
	const targetUrl = new URL(target);
	const server = http.createServer((req, res) =>
		forwardRequest(targetUrl, req, res, {
			answer: (answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const body = Buffer.from(Buffer.concat(chunks).toString('utf8').split(from).join(to));
					const headers = { ...answer.headers, 'content-length': String(body.length) };
					delete headers['transfer-encoding'];
					res.writeHead(answer.statusCode ?? 502, headers);
					res.end(body);
				});
			},
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
