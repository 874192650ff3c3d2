/**
 * The OpenStack Compute node against the local OpenStack (Nova with the fake driver, Glance,
 * Neutron): servers created on a network of their own and waited for, stopped, started, rebooted,
 * read, listed with filters, their console log, deleted and waited for; flavors, images and key
 * pairs (imported and server-generated). Bad input fails naming the parameter or the state, and
 * the server side is checked to hold nothing it made.
 */
import { OpenStackCompute } from '../../nodes/OpenStackCompute/OpenStackCompute.node';
import { exactNameFilter } from '../../nodes/shared/openstack/resources/compute';
import { rl } from '../helpers/executeContext';
import {
	Cleanup,
	adminCall,
	deleteEventually,
	endpoint,
	memberRun,
} from '../helpers/openstack/infra';
import { openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(15 * 60_000);

const cloud = openStackServers() as ReturnType<typeof openStackServers> & {
	image: { name: string; id: string };
	flavors: string[];
};
const compute = memberRun(new OpenStackCompute());
const cleanup = new Cleanup();
const RUN = unique('it-compute');

const serversNamed = async (name: string) =>
	(
		await compute.api<{ servers: Array<{ id: string }> }>('compute', {
			path: '/servers',
			qs: { name: exactNameFilter(name) },
		})
	).servers;

beforeAll(async () => {
	const { network } = await compute.api('network', {
		method: 'POST',
		path: '/networks',
		body: { network: { name: RUN } },
	});
	cleanup.add('network', () =>
		deleteEventually('network', () =>
			compute.api('network', { method: 'DELETE', path: `/networks/${network.id}` }),
		),
	);
	await compute.api('network', {
		method: 'POST',
		path: '/subnets',
		body: { subnet: { network_id: network.id, ip_version: 4, cidr: '10.61.0.0/24', name: RUN } },
	});
});

afterAll(async () => await cleanup.run());

describe('OpenStack Compute node: flavors and images', () => {
	it('lists flavors and gets one by name and by ID', async () => {
		const flavors = await compute.run({ resource: 'flavor', operation: 'list', returnAll: true });
		expect(flavors.map((flavor) => flavor.name)).toEqual(expect.arrayContaining(cloud.flavors));
		const tiny = flavors.find((flavor) => flavor.name === 'm1.tiny')!;
		expect(tiny).toMatchObject({ vcpus: 1, ram: 512, ramGb: 0.5, disk: 1 });
		const [byName] = await compute.run({
			resource: 'flavor',
			operation: 'get',
			flavor: rl('m1.tiny', 'name'),
		});
		expect(byName.id).toBe(tiny.id);
		const [byId] = await compute.run({
			resource: 'flavor',
			operation: 'get',
			flavor: rl(tiny.id as string, 'id'),
		});
		expect(byId.name).toBe('m1.tiny');
		const limited = await compute.run({ resource: 'flavor', operation: 'list', limit: 2 });
		expect(limited).toHaveLength(2);
		const big = await compute.run({
			resource: 'flavor',
			operation: 'list',
			returnAll: true,
			filters: { minRam: 4096 },
		});
		expect(big.length).toBeGreaterThan(0);
		expect(big.every((flavor) => (flavor.ram as number) >= 4096)).toBe(true);
	});

	it("lists and gets images through the catalog's image service", async () => {
		const images = await compute.run({
			resource: 'image',
			operation: 'list',
			returnAll: true,
			filters: { name: cloud.image.name },
		});
		expect(images).toHaveLength(1);
		expect(images[0]).toMatchObject({
			id: cloud.image.id,
			name: cloud.image.name,
			status: 'active',
		});
		expect(images[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		const [got] = await compute.run({
			resource: 'image',
			operation: 'get',
			image: rl(cloud.image.name, 'name'),
		});
		expect(got.id).toBe(cloud.image.id);
	});
});

describe('OpenStack Compute node: key pairs', () => {
	const publicKey =
		'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd1HHEmX2JXN0y6bJq0bZnQbq9n4pd1kZzYFJ7kQmvB it@cloud-pack';

	it('imports a public key, generates a pair (private key once), lists, gets and deletes them', async () => {
		const imported = `${RUN}-imported`;
		const generated = `${RUN}-generated`;
		cleanup.add('key pairs', async () => {
			for (const name of [imported, generated])
				await compute
					.api('compute', { method: 'DELETE', path: `/os-keypairs/${name}` })
					.catch(() => undefined);
		});
		const [made] = await compute.run({
			resource: 'keyPair',
			operation: 'create',
			name: imported,
			keySource: 'import',
			publicKey,
		});
		expect(made).toMatchObject({ name: imported, type: 'ssh', publicKey });
		expect(made.fingerprint).toEqual(expect.any(String));
		expect(made).not.toHaveProperty('privateKey');

		const [fresh] = await compute.run({
			resource: 'keyPair',
			operation: 'create',
			name: generated,
			keySource: 'generate',
		});
		expect(fresh.privateKey).toMatch(/-----BEGIN (RSA |OPENSSH )?PRIVATE KEY-----/);
		expect(fresh.note).toMatch(/once/);

		const picked = await compute.pick('searchKeyPairs', RUN);
		expect(picked.results.map((result) => result.value).sort()).toEqual([generated, imported]);
		const listed = await compute.run({ resource: 'keyPair', operation: 'list', returnAll: true });
		expect(listed.map((keyPair) => keyPair.name)).toEqual(
			expect.arrayContaining([imported, generated]),
		);
		expect(listed.every((keyPair) => !('privateKey' in keyPair))).toBe(true);
		const [got] = await compute.run({
			resource: 'keyPair',
			operation: 'get',
			keyPair: rl(generated, 'name'),
		});
		expect(got).toMatchObject({ name: generated });
		expect(got).not.toHaveProperty('privateKey');

		for (const name of [imported, generated]) {
			expect(
				await compute.run({ resource: 'keyPair', operation: 'delete', keyPair: rl(name, 'name') }),
			).toEqual([{ name, deleted: true }]);
		}
		const after = await compute.run({ resource: 'keyPair', operation: 'list', returnAll: true });
		expect(after.map((keyPair) => keyPair.name)).not.toContain(imported);

		const missing = await compute.fail({
			resource: 'keyPair',
			operation: 'get',
			keyPair: rl(imported, 'name'),
		});
		expect(missing.message).toBe(`Invalid "Key Pair": no key pair is named "${imported}"`);
	});

	it('refuses a bad key pair name or public key before sending anything', async () => {
		const bad = await compute.fail({
			resource: 'keyPair',
			operation: 'create',
			name: 'no/slashes',
			keySource: 'generate',
		});
		expect(bad.message).toMatch(/^Invalid "Name": "no\/slashes" may only hold letters/);
		const key = await compute.fail({
			resource: 'keyPair',
			operation: 'create',
			name: `${RUN}-badkey`,
			keySource: 'import',
			publicKey: 'not a key',
		});
		expect(key.message).toMatch(/^Invalid "Public Key": it is not an OpenSSH public key/);
		const listed = await compute.run({ resource: 'keyPair', operation: 'list', returnAll: true });
		expect(listed.map((keyPair) => keyPair.name)).not.toContain(`${RUN}-badkey`);
	});
});

describe('OpenStack Compute node: servers', () => {
	const create = (name: string, extra: Record<string, unknown> = {}) => ({
		resource: 'server',
		operation: 'create',
		name,
		flavor: rl('m1.tiny', 'name'),
		image: rl(cloud.image.name, 'name'),
		network: rl(RUN, 'name'),
		...extra,
	});

	it('creates a server and waits until ACTIVE, then stops, starts, reboots, reads its console log and deletes it, waiting each time', async () => {
		const name = `${RUN}-web`;
		cleanup.add('server web', async () => {
			for (const server of await serversNamed(name))
				await compute.api('compute', { method: 'DELETE', path: `/servers/${server.id}` });
		});
		const [server] = await compute.run(
			create(name, {
				options: {
					metadata: { entry: [{ name: 'role', value: 'web' }] },
					userData: '#cloud-config\nruncmd:\n  - echo hello\n',
					securityGroups: ['default'],
				},
			}),
		);
		expect(server).toMatchObject({
			name,
			status: 'ACTIVE',
			metadata: { role: 'web' },
			flavorName: 'm1.tiny',
			image: { id: cloud.image.id },
			securityGroups: [{ name: 'default' }],
		});
		expect(server).not.toHaveProperty('adminPass');
		expect((server.ipAddresses as string[])[0]).toMatch(/^10\.61\.0\.\d+$/);
		expect(Object.keys(server.addresses as object)).toEqual([RUN]);
		expect(server.created).toMatch(/Z$/);
		const id = server.id as string;

		const [stopped] = await compute.run({
			resource: 'server',
			operation: 'stop',
			server: rl(id, 'id'),
		});
		expect(stopped).toMatchObject({ id, status: 'SHUTOFF', action: 'stop', taskState: null });
		const [started] = await compute.run({
			resource: 'server',
			operation: 'start',
			server: rl(name, 'name'),
		});
		expect(started).toMatchObject({
			id,
			status: 'ACTIVE',
			taskState: null,
			powerStateName: 'RUNNING',
		});

		// Starting a running server: refused with its state.
		const running = await compute.fail({
			resource: 'server',
			operation: 'start',
			server: rl(id, 'id'),
		});
		expect(running.message).toBe(`Cannot start server "${name}": it is ACTIVE`);
		expect(running.description).toMatch(/^To start, a server must be SHUTOFF\. Nova says: .*409/);

		const [soft] = await compute.run({
			resource: 'server',
			operation: 'reboot',
			server: rl(id, 'id'),
		});
		expect(soft).toMatchObject({ status: 'ACTIVE', taskState: null });
		const [hard] = await compute.run({
			resource: 'server',
			operation: 'reboot',
			server: rl(id, 'id'),
			rebootType: 'HARD',
		});
		expect(hard).toMatchObject({ status: 'ACTIVE', action: 'hard-reboot' });

		const [log] = await compute.run({
			resource: 'server',
			operation: 'getConsoleLog',
			server: rl(id, 'id'),
			lines: 2,
		});
		expect(log).toMatchObject({ serverId: id, serverName: name });
		expect(log.output).toEqual(expect.any(String));
		expect(log.lines).toBeLessThanOrEqual(2);

		// The pickers the editor shows.
		const servers = await compute.pick('searchServers', `${RUN}-web`);
		expect(servers.results).toEqual([{ name: `${name} (ACTIVE)`, value: id }]);
		const flavors = await compute.pick('searchFlavors', 'tiny');
		expect(flavors.results.map((result) => result.name)).toContain(
			'm1.tiny (1 vCPU, 0.5 GB RAM, 1 GB disk)',
		);
		const images = await compute.pick('searchImages', 'cirros');
		expect(images.results).toContainEqual({ name: cloud.image.name, value: cloud.image.id });
		const networks = await compute.pick('searchNetworks', RUN);
		expect(networks.results.map((result) => result.name)).toEqual([RUN]);
		const groups = await new OpenStackCompute().methods.loadOptions.getSecurityGroups.call(
			compute.ctx as never,
		);
		expect(groups.map((group) => group.name)).toContain('default');

		const [got] = await compute.run({
			resource: 'server',
			operation: 'get',
			server: rl(id, 'list'),
		});
		expect(got).toMatchObject({ id, name, keyName: null });

		const [deleted] = await compute.run({
			resource: 'server',
			operation: 'delete',
			server: rl(id, 'id'),
		});
		expect(deleted).toEqual({ id, name, deleted: true, waited: true });
		expect(await serversNamed(name)).toEqual([]);
	});

	it('lists servers with Return All / Limit and filters (name, status, flavor, image)', async () => {
		const prefix = `${RUN}-many`;
		cleanup.add('servers many', async () => {
			for (const server of await serversNamed(`${prefix}-0`).then(async (a) => [
				...a,
				...(await serversNamed(`${prefix}-1`)),
			]))
				await compute.api('compute', { method: 'DELETE', path: `/servers/${server.id}` });
		});
		for (const index of [0, 1]) await compute.run(create(`${prefix}-${index}`, { wait: false }));

		const all = await compute.run({
			resource: 'server',
			operation: 'list',
			returnAll: true,
			filters: { name: `^${prefix}-` },
		});
		expect(all.map((server) => server.name).sort()).toEqual([`${prefix}-0`, `${prefix}-1`]);
		const one = await compute.run({
			resource: 'server',
			operation: 'list',
			limit: 1,
			filters: { name: `^${prefix}-` },
		});
		expect(one).toHaveLength(1);
		const byFlavorAndImage = await compute.run({
			resource: 'server',
			operation: 'list',
			returnAll: true,
			filters: { name: `^${prefix}-`, flavor: 'm1.tiny', image: cloud.image.name },
		});
		expect(byFlavorAndImage).toHaveLength(2);
		const otherFlavor = await compute.run({
			resource: 'server',
			operation: 'list',
			returnAll: true,
			filters: { name: `^${prefix}-`, flavor: 'm1.small' },
		});
		expect(otherFlavor).toEqual([]);
		const errored = await compute.run({
			resource: 'server',
			operation: 'list',
			returnAll: true,
			filters: { name: `^${prefix}-`, status: 'ERROR' },
		});
		expect(errored).toEqual([]);
		for (const server of all)
			await compute.run({
				resource: 'server',
				operation: 'delete',
				server: rl(server.id as string, 'id'),
			});
	});

	it('refuses unknown flavor, image and network names, user data over the limit and bad metadata, creating nothing', async () => {
		const name = `${RUN}-bad`;
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[
				{ flavor: rl('m1.huge', 'name') },
				/^Invalid "Flavor": no flavor is named "m1\.huge" \(flavors: .*m1\.tiny/,
			],
			[{ flavor: rl('m1.huge', 'id') }, /^Invalid "Flavor": no flavor has the ID "m1\.huge"/],
			[
				{ image: rl('no-such-image', 'name') },
				/^Invalid "Image": no image is named "no-such-image"$/,
			],
			[
				{ image: rl('0a5e7a39-0000-4000-8000-000000000000', 'id') },
				/^Invalid "Image": no image has the ID "0a5e7a39-0000-4000-8000-000000000000"$/,
			],
			[
				{ network: rl('no-such-network', 'name') },
				/^Invalid "Network": no network is named "no-such-network"$/,
			],
			[
				{ options: { additionalNetworks: `${RUN}, nowhere` } },
				/^Invalid "Additional Networks": no network has the name or ID "nowhere"$/,
			],
			[
				{ keyPair: rl('no-such-key', 'name') },
				/^Invalid "Key Pair": no key pair is named "no-such-key"$/,
			],
			[
				{ options: { securityGroups: 'default, no-such-group' } },
				/^Invalid "Security Group Names or IDs": no security group has the name or ID "no-such-group"$/,
			],
			[
				{ options: { userData: 'x'.repeat(49_152) } },
				/^Invalid "User Data": it is 65,536 characters once base64-encoded; Nova accepts at most 65,535$/,
			],
			[
				{ options: { metadata: { entry: [{ name: 'k', value: 'v'.repeat(256) }] } } },
				/^Invalid "Metadata": "k": names and values may be at most 255 characters$/,
			],
			[{ waitTimeout: 0 }, /^Invalid "Timeout \(Seconds\)": 0 is below the minimum of 1$/],
		];
		for (const [extra, message] of cases) {
			const error = await compute.fail(create(name, extra));
			expect(error.message).toMatch(message);
		}
		// User data just under the limit is accepted (65,532 characters encoded).
		expect(Buffer.from('x'.repeat(49_149)).toString('base64').length).toBeLessThanOrEqual(65_535);
		expect(await serversNamed(name)).toEqual([]);
	});

	it('shows the fault message of a server that goes to ERROR', async () => {
		// A private flavor no host can take (a 10 PB disk): Nova's scheduler puts the server in ERROR.
		const nova = endpoint('compute');
		const flavorName = `${RUN}-unplaceable`;
		const { flavor } = await adminCall('POST', `${nova}/flavors`, {
			flavor: {
				name: flavorName,
				vcpus: 1,
				ram: 64,
				disk: 10_000_000,
				'os-flavor-access:is_public': false,
			},
		});
		cleanup.add('flavor', () => adminCall('DELETE', `${nova}/flavors/${flavor.id}`));
		await adminCall('POST', `${nova}/flavors/${flavor.id}/action`, {
			addTenantAccess: { tenant: cloud.member.projectId },
		});
		const name = `${RUN}-error`;
		cleanup.add('server error', async () => {
			for (const server of await serversNamed(name))
				await compute.api('compute', { method: 'DELETE', path: `/servers/${server.id}` });
		});
		const failed = await compute.fail(create(name, { flavor: rl(flavorName, 'name') }));
		expect(failed.message).toMatch(
			new RegExp(`^The server "${name}" went to status ERROR: No valid host was found`),
		);
		const [errored] = await compute.run({
			resource: 'server',
			operation: 'get',
			server: rl(name, 'name'),
		});
		expect(errored).toMatchObject({
			status: 'ERROR',
			faultMessage: expect.stringMatching(/No valid host/),
		});
		expect((errored.fault as { created: string }).created).toMatch(/Z$/);
		const [deleted] = await compute.run({
			resource: 'server',
			operation: 'delete',
			server: rl(name, 'name'),
		});
		expect(deleted).toMatchObject({ deleted: true });
	});
});
