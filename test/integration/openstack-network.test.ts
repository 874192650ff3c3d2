/**
 * The OpenStack Network node against the local OpenStack (Neutron ML2 with its binding shim,
 * Octavia with no-op drivers): a network with its subnet, routers with an external gateway and an
 * interface, security groups and rules, floating IPs on a real server's port, ports, and load
 * balancers waited for. Bad input (CIDRs, port ranges, names) fails naming the parameter, and the
 * server side is checked to hold nothing the failed calls made.
 */
import { OpenStackNetwork } from '../../nodes/OpenStackNetwork/OpenStackNetwork.node';
import { rl } from '../helpers/executeContext';
import { Cleanup, deleteEventually, eventually, memberRun } from '../helpers/openstack/infra';
import { openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(15 * 60_000);

const cloud = openStackServers() as ReturnType<typeof openStackServers> & {
	image: { name: string; id: string };
	publicNetwork: { name: string; id: string };
};
const neutron = memberRun(new OpenStackNetwork());
const cleanup = new Cleanup();
const RUN = unique('it-net');

const named = async (collection: string, name: string) =>
	(await neutron.api('network', { path: `/${collection}`, qs: { name } }))[
		collection.replace(/-/g, '_')
	] as Array<{ id: string; name: string }>;

const deleteNetwork = (name: string) => async () => {
	for (const network of await named('networks', name))
		await deleteEventually(`network ${name}`, () =>
			neutron.api('network', { method: 'DELETE', path: `/networks/${network.id}` }),
		);
};

afterAll(async () => await cleanup.run());

describe('OpenStack Network node: networks and subnets', () => {
	it('creates a network with its subnet, gets, lists and deletes it', async () => {
		const name = `${RUN}-app`;
		cleanup.add('network app', deleteNetwork(name));
		const [network] = await neutron.run({
			resource: 'network',
			operation: 'create',
			name,
			cidr: '10.71.0.0/24',
			gatewayIp: '10.71.0.254',
			enableDhcp: false,
			options: { dnsNameservers: '1.1.1.1, 9.9.9.9', description: 'integration' },
		});
		expect(network).toMatchObject({
			name,
			status: 'ACTIVE',
			description: 'integration',
			adminStateUp: true,
		});
		expect(network.subnet).toMatchObject({
			name,
			cidr: '10.71.0.0/24',
			gatewayIp: '10.71.0.254',
			enableDhcp: false,
			ipVersion: 4,
			dnsNameservers: ['1.1.1.1', '9.9.9.9'],
			networkId: network.id,
		});
		expect(network.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

		const [got] = await neutron.run({
			resource: 'network',
			operation: 'get',
			network: rl(name, 'name'),
		});
		expect(got).toMatchObject({ id: network.id, subnets: [(network.subnet as { id: string }).id] });
		const listed = await neutron.run({
			resource: 'network',
			operation: 'list',
			returnAll: true,
			filters: { name },
		});
		expect(listed.map((entry) => entry.id)).toEqual([network.id]);
		const external = await neutron.run({
			resource: 'network',
			operation: 'list',
			returnAll: true,
			filters: { external: true },
		});
		expect(external.map((entry) => entry.name)).toContain(cloud.publicNetwork.name);
		const subnets = await neutron.run({
			resource: 'subnet',
			operation: 'list',
			returnAll: true,
			filters: { network: name },
		});
		expect(subnets.map((subnet) => subnet.cidr)).toEqual(['10.71.0.0/24']);

		const [deleted] = await neutron.run({
			resource: 'network',
			operation: 'delete',
			network: rl(network.id as string, 'id'),
		});
		expect(deleted).toEqual({ id: network.id, name, deleted: true });
		expect(await named('networks', name)).toEqual([]);
		expect(await named('subnets', name)).toEqual([]);
	});

	it('refuses an invalid CIDR, gateway or nameserver before creating anything, and removes the network when Neutron refuses its subnet', async () => {
		const name = `${RUN}-bad`;
		cleanup.add('network bad', deleteNetwork(name));
		const cases: Array<[Record<string, unknown>, string]> = [
			[
				{ cidr: '10.72.0.5/24' },
				'Invalid "CIDR": "10.72.0.5/24" has host bits set: the network is 10.72.0.0/24',
			],
			[{ cidr: '10.72.0.0/33' }, 'Invalid "CIDR": the prefix length /33 is above /32 for IPv4'],
			[{ cidr: 'ten.0.0.0/8' }, 'Invalid "CIDR": "ten.0.0.0" is not an IPv4 or IPv6 address'],
			[
				{ cidr: '' },
				'Invalid "CIDR": "" is not a CIDR (an address, "/" and a prefix length, e.g. 10.0.0.0/24)',
			],
			[
				{ cidr: '10.72.0.0/24', gatewayIp: '10.73.0.1' },
				'Invalid "Gateway IP": "10.73.0.1" is not an address inside 10.72.0.0/24',
			],
			[
				{ cidr: '10.72.0.0/24', options: { dnsNameservers: '1.1.1.1, dns.example' } },
				'Invalid "DNS Nameservers": "dns.example" is not an IP address',
			],
		];
		for (const [extra, message] of cases) {
			const error = await neutron.fail({
				resource: 'network',
				operation: 'create',
				name,
				...extra,
			});
			expect(error.message).toBe(message);
		}
		// Six nameservers pass the node's checks, but Neutron allows five per subnet by default:
		// the network made a moment before is deleted again.
		const refused = await neutron.fail({
			resource: 'network',
			operation: 'create',
			name,
			cidr: '10.72.0.0/24',
			options: { dnsNameservers: '1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4, 9.9.9.9, 149.112.112.112' },
		});
		expect(refused.message).toMatch(
			/^OpenStack Network \(Neutron\) returned HTTP 400: .*nameservers/i,
		);
		expect(await named('networks', name)).toEqual([]);
	});
});

describe('OpenStack Network node: routers, security groups, floating IPs, ports', () => {
	let subnetId: string;
	const net = `${RUN}-edge`;
	const routerName = `${RUN}-router`;
	const serverName = `${RUN}-vm`;
	let serverId: string;

	beforeAll(async () => {
		cleanup.add('network edge', deleteNetwork(net));
		const [network] = await neutron.run({
			resource: 'network',
			operation: 'create',
			name: net,
			cidr: '10.74.0.0/24',
		});
		subnetId = (network.subnet as { id: string }).id;
	});

	it('creates a router with a gateway on the external network, adds and removes an interface, lists and deletes it', async () => {
		cleanup.add('router', async () => {
			for (const router of await named('routers', routerName))
				await neutron.run({ resource: 'router', operation: 'delete', router: rl(router.id, 'id') });
		});
		const notExternal = await neutron.fail({
			resource: 'router',
			operation: 'create',
			name: routerName,
			externalNetwork: rl(net, 'name'),
		});
		expect(notExternal.message).toBe(
			`Invalid "External Network": "${net}" is not an external network`,
		);
		expect(await named('routers', routerName)).toEqual([]);

		const [router] = await neutron.run({
			resource: 'router',
			operation: 'create',
			name: routerName,
			externalNetwork: rl(cloud.publicNetwork.name, 'name'),
		});
		expect(router).toMatchObject({
			name: routerName,
			externalGatewayInfo: { networkId: cloud.publicNetwork.id },
		});
		const [added] = await neutron.run({
			resource: 'router',
			operation: 'addInterface',
			router: rl(routerName, 'name'),
			subnet: rl(subnetId, 'id'),
		});
		expect(added).toMatchObject({ routerId: router.id, subnetId, added: true });
		expect(added.portId).toEqual(expect.any(String));
		const [removed] = await neutron.run({
			resource: 'router',
			operation: 'removeInterface',
			router: rl(router.id as string, 'id'),
			subnet: rl(net, 'name'),
		});
		expect(removed).toMatchObject({ routerId: router.id, subnetId, removed: true });
		await neutron.run({
			resource: 'router',
			operation: 'addInterface',
			router: rl(router.id as string, 'list'),
			subnet: rl(subnetId, 'list'),
		});
		const routers = await neutron.run({
			resource: 'router',
			operation: 'list',
			returnAll: true,
			filters: { name: routerName },
		});
		expect(routers.map((entry) => entry.id)).toEqual([router.id]);
	});

	it('creates a security group, adds rules (SSH, ICMP, from a group), refuses bad port ranges and CIDRs, deletes a rule and the group', async () => {
		const name = `${RUN}-sg`;
		cleanup.add('security group', async () => {
			for (const group of await named('security-groups', name))
				await neutron.api('network', { method: 'DELETE', path: `/security-groups/${group.id}` });
		});
		const [group] = await neutron.run({
			resource: 'securityGroup',
			operation: 'create',
			name,
			description: 'ssh',
		});
		expect(group).toMatchObject({ name, description: 'ssh' });
		const egressOnly = (group.securityGroupRules as Array<{ direction: string }>).map(
			(rule) => rule.direction,
		);
		expect(new Set(egressOnly)).toEqual(new Set(['egress']));

		const [ssh] = await neutron.run({
			resource: 'securityGroupRule',
			operation: 'create',
			securityGroup: rl(name, 'name'),
			direction: 'ingress',
			protocol: 'tcp',
			portRange: '22',
			remote: 'cidr',
			remoteCidr: '0.0.0.0/0',
		});
		expect(ssh).toMatchObject({
			securityGroupId: group.id,
			securityGroupName: name,
			direction: 'ingress',
			protocol: 'tcp',
			portRangeMin: 22,
			portRangeMax: 22,
			remoteIpPrefix: '0.0.0.0/0',
			ethertype: 'IPv4',
		});
		const [ping] = await neutron.run({
			resource: 'securityGroupRule',
			operation: 'create',
			securityGroup: rl(group.id as string, 'id'),
			protocol: 'icmp',
			icmpType: 8,
			remote: 'cidr',
			remoteCidr: '2001:db8::/32',
		});
		// Neutron names ICMP over IPv6 "ipv6-icmp".
		expect(ping).toMatchObject({ protocol: 'ipv6-icmp', portRangeMin: 8, ethertype: 'IPv6' });
		const [fromGroup] = await neutron.run({
			resource: 'securityGroupRule',
			operation: 'create',
			securityGroup: rl(group.id as string, 'id'),
			protocol: 'tcp',
			portRange: '8000-8080',
			remote: 'securityGroup',
			remoteSecurityGroup: name,
		});
		expect(fromGroup).toMatchObject({
			portRangeMin: 8000,
			portRangeMax: 8080,
			remoteGroupId: group.id,
		});

		const rulesBefore = (
			await neutron.api('network', {
				path: '/security-group-rules',
				qs: { security_group_id: group.id },
			})
		).security_group_rules.length;
		const bad: Array<[Record<string, unknown>, string]> = [
			[{ portRange: '70000' }, 'Invalid "Port Range": 70000 is outside the ports 1–65535'],
			[{ portRange: '0' }, 'Invalid "Port Range": 0 is outside the ports 1–65535'],
			[{ portRange: '443-80' }, 'Invalid "Port Range": "443-80" starts above its end'],
			[{ portRange: 'ssh' }, 'Invalid "Port Range": "ssh" is not a port or a range like 8000-8080'],
			[
				{ remoteCidr: '10.0.0.1/8' },
				'Invalid "Remote CIDR": "10.0.0.1/8" has host bits set: the network is 10.0.0.0/8',
			],
			[
				{ remoteCidr: 'anywhere' },
				'Invalid "Remote CIDR": "anywhere" is not a CIDR (an address, "/" and a prefix length, e.g. 10.0.0.0/24)',
			],
			[
				{ protocol: 'icmp', icmpType: -1, icmpCode: 3 },
				'Invalid "ICMP Code": give an ICMP Type with a code',
			],
			[
				{ remote: 'securityGroup', remoteSecurityGroup: 'nobody' },
				'Invalid "Remote Security Group": no security group has the name or ID "nobody"',
			],
		];
		for (const [extra, message] of bad) {
			const error = await neutron.fail({
				resource: 'securityGroupRule',
				operation: 'create',
				securityGroup: rl(name, 'name'),
				protocol: 'tcp',
				portRange: '22',
				remote: 'cidr',
				remoteCidr: '0.0.0.0/0',
				...extra,
			});
			expect(error.message).toBe(message);
		}
		const rulesAfter = (
			await neutron.api('network', {
				path: '/security-group-rules',
				qs: { security_group_id: group.id },
			})
		).security_group_rules.length;
		expect(rulesAfter).toBe(rulesBefore);

		const [ruleGone] = await neutron.run({
			resource: 'securityGroupRule',
			operation: 'delete',
			ruleId: ping.id,
		});
		expect(ruleGone).toEqual({ id: ping.id, deleted: true });
		const [read] = await neutron.run({
			resource: 'securityGroup',
			operation: 'get',
			securityGroup: rl(name, 'name'),
		});
		const ids = (read.securityGroupRules as Array<{ id: string }>).map((rule) => rule.id);
		expect(ids).toEqual(expect.arrayContaining([ssh.id, fromGroup.id]));
		expect(ids).not.toContain(ping.id);
		const listed = await neutron.run({
			resource: 'securityGroup',
			operation: 'list',
			returnAll: true,
			filters: { name },
		});
		expect(listed).toHaveLength(1);
		const [gone] = await neutron.run({
			resource: 'securityGroup',
			operation: 'delete',
			securityGroup: rl(group.id as string, 'id'),
		});
		expect(gone).toEqual({ id: group.id, name, deleted: true });
		expect(await named('security-groups', name)).toEqual([]);
	});

	it("creates a floating IP, associates it with a server's port, lists ports and floating IPs, disassociates and deletes it", async () => {
		const flavors = (await neutron.api('compute', { path: '/flavors/detail' })).flavors as Array<{
			id: string;
			name: string;
		}>;
		const { server } = await neutron.api('compute', {
			method: 'POST',
			path: '/servers',
			body: {
				server: {
					name: serverName,
					flavorRef: flavors.find((flavor) => flavor.name === 'm1.tiny')!.id,
					imageRef: cloud.image.id,
					networks: [{ uuid: (await named('networks', net))[0].id }],
				},
			},
		});
		serverId = server.id;
		cleanup.add('server', () =>
			neutron.api('compute', { method: 'DELETE', path: `/servers/${serverId}` }),
		);
		await eventually('the server to be ACTIVE', async () => {
			const { server: now } = await neutron.api('compute', { path: `/servers/${serverId}` });
			if (now.status === 'ERROR') throw new Error(`server in ERROR: ${now.fault?.message}`);
			return now.status === 'ACTIVE';
		});

		const notExternal = await neutron.fail({
			resource: 'floatingIp',
			operation: 'create',
			externalNetwork: rl(net, 'name'),
		});
		expect(notExternal.message).toBe(
			`Invalid "External Network": "${net}" is not an external network`,
		);

		const [ip] = await neutron.run({
			resource: 'floatingIp',
			operation: 'create',
			externalNetwork: rl(cloud.publicNetwork.id, 'id'),
			options: { description: RUN },
		});
		cleanup.add('floating ip', () =>
			neutron.api('network', { method: 'DELETE', path: `/floatingips/${ip.id}` }),
		);
		expect(ip).toMatchObject({
			floatingNetworkId: cloud.publicNetwork.id,
			portId: null,
			description: RUN,
		});
		const address = ip.floatingIpAddress as string;

		const ports = await neutron.run({
			resource: 'port',
			operation: 'list',
			returnAll: true,
			filters: { server: serverName },
		});
		expect(ports).toHaveLength(1);
		expect(ports[0]).toMatchObject({ deviceId: serverId, networkId: expect.any(String) });
		const fixed = (ports[0].fixedIps as Array<{ ipAddress: string }>)[0].ipAddress;
		const onNetwork = await neutron.run({
			resource: 'port',
			operation: 'list',
			returnAll: true,
			filters: { network: net },
		});
		expect(onNetwork.map((port) => port.id)).toContain(ports[0].id);

		const wrongAddress = await neutron.fail({
			resource: 'floatingIp',
			operation: 'associate',
			floatingIp: rl(address, 'name'),
			server: rl(serverName, 'name'),
			options: { fixedIpAddress: '10.74.0.250' },
		});
		expect(wrongAddress.message).toBe(
			`Invalid "Fixed IP Address": server "${serverName}" has no address 10.74.0.250 (its addresses: ${fixed})`,
		);
		const [associated] = await neutron.run({
			resource: 'floatingIp',
			operation: 'associate',
			floatingIp: rl(address, 'name'),
			server: rl(serverName, 'name'),
		});
		expect(associated).toMatchObject({
			id: ip.id,
			portId: ports[0].id,
			fixedIpAddress: fixed,
			serverId,
			serverName,
		});
		const listed = await neutron.run({
			resource: 'floatingIp',
			operation: 'list',
			returnAll: true,
			filters: { address },
		});
		expect(listed).toMatchObject([{ id: ip.id, portId: ports[0].id }]);

		// The pickers the editor shows.
		const byPicker = async (method: string, filter: string) =>
			(await neutron.pick(method, filter)).results.map((result) => result.value);
		expect(await byPicker('searchFloatingIps', address)).toEqual([ip.id]);
		expect(await byPicker('searchServers', serverName)).toEqual([serverId]);
		expect(await byPicker('searchNetworks', net)).toEqual([ports[0].networkId]);
		expect(await byPicker('searchExternalNetworks', '')).toContain(cloud.publicNetwork.id);
		expect(await byPicker('searchExternalNetworks', '')).not.toContain(ports[0].networkId);
		expect(await byPicker('searchSubnets', net)).toEqual([subnetId]);
		expect(await byPicker('searchRouters', routerName)).toHaveLength(1);
		expect(await byPicker('searchSecurityGroups', 'default')).not.toHaveLength(0);

		const [free] = await neutron.run({
			resource: 'floatingIp',
			operation: 'disassociate',
			floatingIp: rl(ip.id as string, 'id'),
		});
		expect(free).toMatchObject({ id: ip.id, portId: null, fixedIpAddress: null });
		const [released] = await neutron.run({
			resource: 'floatingIp',
			operation: 'delete',
			floatingIp: rl(address, 'name'),
		});
		expect(released).toEqual({ id: ip.id, floatingIpAddress: address, deleted: true });
		expect(
			(await neutron.api('network', { path: '/floatingips', qs: { floating_ip_address: address } }))
				.floatingips,
		).toEqual([]);
	});

	it('deletes the router with its interfaces', async () => {
		const [deleted] = await neutron.run({
			resource: 'router',
			operation: 'delete',
			router: rl(routerName, 'name'),
		});
		expect(deleted).toMatchObject({
			name: routerName,
			deleted: true,
			removedInterfaces: [subnetId],
		});
		expect(await named('routers', routerName)).toEqual([]);
	});
});

describe('OpenStack Network node: load balancers (Octavia)', () => {
	it('creates a load balancer on a subnet and waits until ACTIVE, gets and lists it, deletes it with cascade and waits', async () => {
		const net = `${RUN}-lbnet`;
		cleanup.add('lb network', deleteNetwork(net));
		const [network] = await neutron.run({
			resource: 'network',
			operation: 'create',
			name: net,
			cidr: '10.75.0.0/24',
		});
		const name = `${RUN}-lb`;
		cleanup.add('load balancer', async () => {
			const { loadbalancers } = await neutron.api('load-balancer', {
				path: '/lbaas/loadbalancers',
				qs: { name },
			});
			for (const lb of loadbalancers)
				await neutron.api('load-balancer', {
					method: 'DELETE',
					path: `/lbaas/loadbalancers/${lb.id}`,
					qs: { cascade: true },
				});
		});
		const [lb] = await neutron.run({
			resource: 'loadBalancer',
			operation: 'create',
			name,
			subnet: rl((network.subnet as { id: string }).id, 'id'),
		});
		expect(lb).toMatchObject({
			name,
			provisioningStatus: 'ACTIVE',
			vipSubnetId: (network.subnet as { id: string }).id,
		});
		// Octavia's no-op network driver makes up the VIP (198.51.100.x) instead of taking a port.
		expect(lb.vipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
		const [got] = await neutron.run({
			resource: 'loadBalancer',
			operation: 'get',
			loadBalancer: rl(name, 'name'),
		});
		expect(got.id).toBe(lb.id);
		const picked = await neutron.pick('searchLoadBalancers', name);
		expect(picked.results.map((result) => result.value)).toEqual([lb.id]);
		const listed = await neutron.run({
			resource: 'loadBalancer',
			operation: 'list',
			returnAll: true,
			filters: { name },
		});
		expect(listed.map((entry) => entry.id)).toEqual([lb.id]);
		const badVip = await neutron.fail({
			resource: 'loadBalancer',
			operation: 'create',
			name: `${name}-2`,
			subnet: rl(net, 'name'),
			options: { vipAddress: '10.75.0.999' },
		});
		expect(badVip.message).toBe('Invalid "VIP Address": "10.75.0.999" is not an IP address');

		const [deleted] = await neutron.run({
			resource: 'loadBalancer',
			operation: 'delete',
			loadBalancer: rl(lb.id as string, 'id'),
		});
		expect(deleted).toEqual({ id: lb.id, name, deleted: true, cascade: true, waited: true });
		const after = await neutron.api('load-balancer', {
			path: '/lbaas/loadbalancers',
			qs: { name },
		});
		expect(
			after.loadbalancers.filter(
				(entry: { provisioning_status: string }) => entry.provisioning_status !== 'DELETED',
			),
		).toEqual([]);
	});
});
