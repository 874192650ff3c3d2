import * as http from 'http';
import * as https from 'https';
import type { Socket } from 'net';

import type { RetryPolicy } from './retryPolicy';

/**
 * HTTP(S) agents that enforce the retry policy's two timeouts on every socket they open, for
 * SDKs whose own options cannot (Azure's pipeline, the GCS SDK's request pool):
 * - connect: a socket that is not connected (and, for TLS, through its handshake) within
 *   `connectTimeoutMs` is destroyed with ETIMEDOUT — an address that never answers the
 *   connection fails in that time instead of the system's minutes;
 * - idle: a socket on which nothing moves for `idleTimeoutMs` (waiting for an answer, a
 *   stalled transfer, an idle kept-alive socket) is destroyed with ETIMEDOUT.
 * ETIMEDOUT is a transient network error to the retry policy, so the request is retried
 * within its attempts and time budget and then fails; it never hangs.
 */
export type SocketTimeouts = Pick<RetryPolicy, 'connectTimeoutMs' | 'idleTimeoutMs'>;

export interface TimedAgents {
	http: http.Agent;
	https: https.Agent;
	/** Closes every socket of both agents, in use or idle; resolves once they are closed. */
	destroy(): Promise<void>;
	/** Closes the idle (kept-alive) sockets only, resolving once they are closed; requests in flight go on. */
	releaseIdle(): Promise<void>;
}

function timeoutError(message: string): NodeJS.ErrnoException {
	return Object.assign(new Error(message), { code: 'ETIMEDOUT' });
}

/**
 * Arms the two timeouts on a socket an agent just created, with the socket's own inactivity
 * timer: the connect timeout until the socket is connected (and through its TLS handshake),
 * then the idle timeout. When either runs out the socket is destroyed with ETIMEDOUT.
 */
export function armSocketTimeouts(socket: Socket, timeouts: SocketTimeouts, tls: boolean): Socket {
	const { connectTimeoutMs, idleTimeoutMs } = timeouts;
	let connected = !socket.connecting && !tls;
	socket.on('timeout', () =>
		socket.destroy(
			timeoutError(
				connected
					? `No data moved for ${idleTimeoutMs} ms`
					: `Could not connect within ${connectTimeoutMs || idleTimeoutMs} ms`,
			),
		),
	);
	socket.setTimeout(connected ? idleTimeoutMs : connectTimeoutMs || idleTimeoutMs);
	socket.once(tls ? 'secureConnect' : 'connect', () => {
		connected = true;
		socket.setTimeout(idleTimeoutMs);
	});
	return socket;
}

type CreateConnection = (
	options: Record<string, unknown>,
	callback?: (error: Error | null, socket: Socket) => void,
) => Socket;

/** Fixed timeouts, or the timeouts for the host a new socket connects to. */
export type TimeoutsFor = SocketTimeouts | ((host: string) => SocketTimeouts);

function timed<T extends http.Agent>(agent: T, timeouts: TimeoutsFor, tls: boolean): T {
	const create = (agent as unknown as { createConnection: CreateConnection }).createConnection;
	(agent as unknown as { createConnection: CreateConnection }).createConnection = function (
		options,
		callback,
	) {
		const host = String(options.hostname ?? options.host ?? '');
		const resolved = typeof timeouts === 'function' ? timeouts(host) : timeouts;
		return armSocketTimeouts(create.call(this, options, callback), resolved, tls);
	};
	return agent;
}

function openSockets(agent: http.Agent): Socket[] {
	return [...Object.values(agent.sockets), ...Object.values(agent.freeSockets)].flatMap(
		(sockets) => (sockets ?? []) as Socket[],
	);
}

function closed(socket: Socket): Promise<void> {
	return socket.closed || socket.destroyed
		? Promise.resolve()
		: new Promise((resolve) => socket.once('close', () => resolve()));
}

async function destroyIdle(agent: http.Agent): Promise<void> {
	const idle = Object.values(agent.freeSockets).flatMap((sockets) => (sockets ?? []) as Socket[]);
	const closing = idle.map(closed);
	for (const socket of idle) socket.destroy();
	await Promise.all(closing);
}

/** A pair of keep-alive agents with the policy's timeouts (fixed, or per host). */
export function createTimedAgents(
	timeouts: TimeoutsFor,
	options: { rejectUnauthorized?: boolean; maxSockets?: number } = {},
): TimedAgents {
	const idleMs = (typeof timeouts === 'function' ? timeouts('') : timeouts).idleTimeoutMs;
	const base = {
		keepAlive: true,
		maxSockets: options.maxSockets ?? 64,
		// Node closes kept-alive sockets left idle this long.
		timeout: idleMs > 0 ? idleMs : undefined,
	};
	const httpAgent = timed(new http.Agent(base), timeouts, false);
	const httpsAgent = timed(
		new https.Agent({ ...base, rejectUnauthorized: options.rejectUnauthorized ?? true }),
		timeouts,
		true,
	);
	return {
		http: httpAgent,
		https: httpsAgent,
		async destroy() {
			const closing = [httpAgent, httpsAgent].flatMap(openSockets).map(closed);
			httpAgent.destroy();
			httpsAgent.destroy();
			await Promise.all(closing);
		},
		async releaseIdle() {
			await Promise.all([destroyIdle(httpAgent), destroyIdle(httpsAgent)]);
		},
	};
}
