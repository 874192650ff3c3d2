import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { forwardRequest } from '../forward';

/** A pass-through proxy in front of a server (Keystone) that counts the requests by "METHOD /path". */
export class CountingProxy {
	private server?: Server;
	readonly counts = new Map<string, number>();
	url = '';

	constructor(private readonly target: string) {}

	async start(): Promise<this> {
		const target = new URL(this.target);
		this.server = createServer((req, res) => {
			const key = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
			this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
			forwardRequest(target, req, res);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	count(key: string): number {
		return this.counts.get(key) ?? 0;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}
}
