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
	/** Closes every socket of both agents, in use or idle. */
	destroy(): void;
	/** Closes the idle (kept-alive) sockets only; requests in flight go on. */
	releaseIdle(): void;
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

function timed<T extends http.Agent>(agent: T, timeouts: SocketTimeouts, tls: boolean): T {
	const create = (agent as unknown as { createConnection: CreateConnection }).createConnection;
	(agent as unknown as { createConnection: CreateConnection }).createConnection = function (
		options,
		callback,
	) {
		return armSocketTimeouts(create.call(this, options, callback), timeouts, tls);
	};
	return agent;
}

function destroyIdle(agent: http.Agent): void {
	for (const sockets of Object.values(agent.freeSockets)) {
		for (const socket of sockets ?? []) socket.destroy();
	}
}

/** A pair of keep-alive agents with the policy's timeouts, owned by one client. */
export function createTimedAgents(
	timeouts: SocketTimeouts,
	options: { rejectUnauthorized?: boolean; maxSockets?: number } = {},
): TimedAgents {
	const base = {
		keepAlive: true,
		maxSockets: options.maxSockets ?? 64,
		// Node closes kept-alive sockets left idle this long.
		timeout: timeouts.idleTimeoutMs > 0 ? timeouts.idleTimeoutMs : undefined,
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
		destroy() {
			httpAgent.destroy();
			httpsAgent.destroy();
		},
		releaseIdle() {
			destroyIdle(httpAgent);
			destroyIdle(httpsAgent);
		},
	};
}
