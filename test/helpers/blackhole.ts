import { spawn } from 'child_process';
import * as net from 'net';

/**
 * Addresses that never answer, for testing time limits:
 * - `unaccepted`: a listening socket that never accepts. Its accept queue (backlog 0) is filled
 *   by one connection of our own, so every further connection stays unanswered in SYN-SENT:
 *   the connect phase never ends (Node cannot listen without accepting, hence a python3 child).
 * - `silent`: a server that accepts connections and never sends a byte: the request is sent,
 *   no answer ever comes.
 */
export interface Blackholes {
	unacceptedPort: number;
	silentPort: number;
	/** Connections the silent server accepted (each attempt of a client opens one). */
	silentConnections(): number;
	close(): Promise<void>;
}

export async function startBlackholes(): Promise<Blackholes> {
	const listener = spawn(
		'python3',
		[
			'-c',
			[
				'import socket, sys',
				's = socket.socket()',
				"s.bind(('127.0.0.1', 0))",
				's.listen(0)',
				'print(s.getsockname()[1], flush=True)',
				'sys.stdin.read()',
			].join('\n'),
		],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const unacceptedPort = await new Promise<number>((resolve, reject) => {
		listener.once('error', reject);
		listener.stdout!.once('data', (data) => resolve(Number(String(data).trim())));
	});
	const filler = net.connect(unacceptedPort, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		filler.once('connect', resolve);
		filler.once('error', reject);
	});

	let accepted = 0;
	const sockets = new Set<net.Socket>();
	const silent = net.createServer((socket) => {
		accepted++;
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));

	return {
		unacceptedPort,
		silentPort: (silent.address() as net.AddressInfo).port,
		silentConnections: () => accepted,
		async close() {
			filler.destroy();
			listener.stdin!.end();
			listener.kill();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		},
	};
}
