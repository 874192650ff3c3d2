import { createServer } from 'net';

/**
 * Ports this process already handed out. The system may offer a port it just gave (and that was
 * closed again) a second time: seen in CI, where one n8n got the same port for its server and its
 * task broker and refused to start.
 */
const handedOut = new Set<number>();

/** A TCP port of 127.0.0.1 that nothing listens on now (the system picks it). */
async function probePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** A free TCP port of 127.0.0.1 that this process has not handed out before. */
export async function freePort(): Promise<number> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const port = await probePort();
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		return port;
	}
	throw new Error('No free port that was not handed out already after 100 tries');
}
