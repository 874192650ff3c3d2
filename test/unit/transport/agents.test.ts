import * as http from 'http';
import type { AddressInfo } from 'net';

import { createTimedAgents } from '../../../nodes/shared/transport/agents';
import { startBlackholes, type Blackholes } from '../../helpers/blackhole';

jest.setTimeout(30_000);

function get(port: number, agent: http.Agent): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.get({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
		});
		request.on('error', reject);
	});
}

describe('agents with the policy timeouts', () => {
	let holes: Blackholes;
	beforeAll(async () => {
		holes = await startBlackholes();
	});
	afterAll(async () => {
		await holes.close();
	});

	it('give up on a connection that is never accepted, with ETIMEDOUT', async () => {
		const agents = createTimedAgents({ connectTimeoutMs: 300, idleTimeoutMs: 60_000 });
		try {
			await expect(get(holes.unacceptedPort, agents.http)).rejects.toMatchObject({
				code: 'ETIMEDOUT',
				message: 'Could not connect within 300 ms',
			});
		} finally {
			await agents.destroy();
		}
	});

	it('give up on a connection on which nothing comes back, with ETIMEDOUT', async () => {
		const agents = createTimedAgents({ connectTimeoutMs: 60_000, idleTimeoutMs: 300 });
		try {
			await expect(get(holes.silentPort, agents.http)).rejects.toMatchObject({
				code: 'ETIMEDOUT',
				message: 'No data moved for 300 ms',
			});
		} finally {
			await agents.destroy();
		}
	});

	it('keep sockets alive between requests, and close them when released', async () => {
		let open = 0;
		let closed = 0;
		const server = http.createServer((_req, res) => res.end('ok'));
		server.on('connection', (socket) => {
			open++;
			socket.on('close', () => closed++);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		const agents = createTimedAgents({ connectTimeoutMs: 5000, idleTimeoutMs: 60_000 });
		try {
			expect(await get(port, agents.http)).toBe(200);
			expect(await get(port, agents.http)).toBe(200);
			expect(open).toBe(1);
			await agents.releaseIdle();
			expect(Object.keys(agents.http.freeSockets)).toEqual([]);
			await new Promise<void>((resolve) => {
				const check = () => (closed === 1 ? resolve() : setImmediate(check));
				check();
			});
			expect(closed).toBe(1);
		} finally {
			await agents.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
