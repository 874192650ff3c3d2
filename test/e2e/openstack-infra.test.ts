/**
 * The four infrastructure nodes inside a real n8n against the local OpenStack: one workflow
 * creates a network with its subnet, a router with a gateway and an interface, a security group
 * with an SSH rule, a key pair and a server on that network (waiting until ACTIVE), attaches a new
 * volume, associates a floating IP, reads the usage, stops and starts the server, then deletes
 * everything it made. Run once by `n8n execute` (every node's output checked), then twice at the
 * same time through its webhook in a running n8n: both runs succeed and leave nothing behind.
 */
import { request } from 'http';

import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { PACK, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';
import { memberRun } from '../helpers/openstack/infra';
import { openStackServers } from '../helpers/openstack/servers';
import { OpenStackCompute } from '../../nodes/OpenStackCompute/OpenStackCompute.node';

jest.setTimeout(40 * 60_000);

const cloud = openStackServers() as ReturnType<typeof openStackServers> & {
	image: { name: string; id: string };
	publicNetwork: { name: string; id: string };
};
const CREDENTIAL = { cloudPackOpenStackApi: { id: 'openstackE2e01', name: 'Local OpenStack' } };
const WORKFLOW = 'e2eOpenStackInfra';
const WEBHOOK_PATH = 'openstack-infra';
const direct = memberRun(new OpenStackCompute());

const rl = (value: string, mode = 'name') => ({ __rl: true, mode, value });
const prefix = "{{ $('Prefix').item.json.prefix }}";
const ref = (node: string, path = 'id') => `={{ $('${node}').item.json.${path} }}`;

function os(name: string, type: string, parameters: Record<string, unknown>): WorkflowNode {
	return { name, type: `${PACK}.${type}`, parameters, credentials: CREDENTIAL };
}

/** "Delete X" of what "Create X" made (its resource locator parameter is named like the resource). */
function remove(name: string, type: string, resource: string): WorkflowNode {
	return os(name, type, {
		resource,
		operation: 'delete',
		[resource]: rl(ref(name.replace(/^Delete/, 'Create')), 'id'),
	});
}

const steps: WorkflowNode[] = [
	{
		name: 'Prefix',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode:
				"return [{ json: { prefix: 'e2e-infra-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8) } }];",
		},
	},
	os('Create Network', 'openStackNetwork', {
		resource: 'network',
		operation: 'create',
		name: `=${prefix}-net`,
		cidr: '10.90.0.0/24',
	}),
	os('Create Router', 'openStackNetwork', {
		resource: 'router',
		operation: 'create',
		name: `=${prefix}-router`,
		externalNetwork: rl(cloud.publicNetwork.name),
	}),
	os('Add Interface', 'openStackNetwork', {
		resource: 'router',
		operation: 'addInterface',
		router: rl(ref('Create Router'), 'id'),
		subnet: rl(ref('Create Network', 'subnet.id'), 'id'),
	}),
	os('Create Security Group', 'openStackNetwork', {
		resource: 'securityGroup',
		operation: 'create',
		name: `=${prefix}-ssh`,
	}),
	os('Allow SSH', 'openStackNetwork', {
		resource: 'securityGroupRule',
		operation: 'create',
		securityGroup: rl(ref('Create Security Group'), 'id'),
		protocol: 'tcp',
		portRange: '22',
		remote: 'cidr',
		remoteCidr: '0.0.0.0/0',
	}),
	os('Create Key Pair', 'openStackCompute', {
		resource: 'keyPair',
		operation: 'create',
		name: `=${prefix}-key`,
		keySource: 'generate',
	}),
	os('Create Server', 'openStackCompute', {
		resource: 'server',
		operation: 'create',
		name: `=${prefix}-vm`,
		flavor: rl('m1.tiny'),
		image: rl(cloud.image.name),
		network: rl(ref('Create Network'), 'id'),
		keyPair: rl(`=${prefix}-key`),
		wait: true,
		options: { securityGroups: `=${prefix}-ssh` },
	}),
	os('Create Volume', 'openStackBlockStorage', {
		resource: 'volume',
		operation: 'create',
		size: 1,
		name: `=${prefix}-data`,
	}),
	os('Attach Volume', 'openStackBlockStorage', {
		resource: 'volume',
		operation: 'attach',
		volume: rl(ref('Create Volume'), 'id'),
		server: rl(ref('Create Server'), 'id'),
	}),
	os('Create Floating IP', 'openStackNetwork', {
		resource: 'floatingIp',
		operation: 'create',
		externalNetwork: rl(cloud.publicNetwork.name),
		options: { description: `=${prefix}` },
	}),
	os('Associate Floating IP', 'openStackNetwork', {
		resource: 'floatingIp',
		operation: 'associate',
		floatingIp: rl(ref('Create Floating IP'), 'id'),
		server: rl(ref('Create Server'), 'id'),
	}),
	os('Read Usage', 'openStackUsage', {
		resource: 'all',
		operation: 'getAllUsage',
		period: 'last24Hours',
	}),
	os('Stop Server', 'openStackCompute', {
		resource: 'server',
		operation: 'stop',
		server: rl(ref('Create Server'), 'id'),
	}),
	os('Start Server', 'openStackCompute', {
		resource: 'server',
		operation: 'start',
		server: rl(ref('Create Server'), 'id'),
	}),
	remove('Delete Floating IP', 'openStackNetwork', 'floatingIp'),
	os('Detach Volume', 'openStackBlockStorage', {
		resource: 'volume',
		operation: 'detach',
		volume: rl(ref('Create Volume'), 'id'),
	}),
	remove('Delete Volume', 'openStackBlockStorage', 'volume'),
	remove('Delete Server', 'openStackCompute', 'server'),
	os('Delete Key Pair', 'openStackCompute', {
		resource: 'keyPair',
		operation: 'delete',
		keyPair: rl(`=${prefix}-key`),
	}),
	remove('Delete Router', 'openStackNetwork', 'router'),
	remove('Delete Security Group', 'openStackNetwork', 'securityGroup'),
	remove('Delete Network', 'openStackNetwork', 'network'),
];

/** The last node: every step's first output in one item (the webhook answers with it). */
steps.push({
	name: 'Summary',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `const out = {};
for (const name of ${JSON.stringify(steps.map((step) => step.name))}) out[name] = $(name).first().json;
const key = out['Create Key Pair'];
out['Create Key Pair'] = { name: key.name, privateKeyReturned: typeof key.privateKey === 'string' && key.privateKey.includes('PRIVATE KEY') };
return [{ json: out }];`,
	},
});

const webhook: WorkflowNode = {
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: '0c6f7d2e-5a1b-4c3d-8e9f-0a1b2c3d4e5f',
	parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
};

const names = steps.map((step) => step.name);
const definition = workflow(
	WORKFLOW,
	[manualTrigger, webhook, ...steps],
	[
		['Start', ...names],
		['Webhook', 'Prefix'],
	],
);

/** A POST that waits as long as the workflow runs (fetch would give up after 300 s). */
function post(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const call = request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(response) => {
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (body += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
			},
		);
		call.on('error', reject);
		call.end('{}');
	});
}

/** What is left in the project with this prefix in its name (or description), by kind. */
async function leftovers(runPrefix: string) {
	const neutron = async (collection: string, key: string) =>
		(
			(await direct.api('network', { path: `/${collection}` }))[key] as Array<{
				name?: string;
				description?: string;
			}>
		).filter((entry) => entry.name?.startsWith(runPrefix) || entry.description === runPrefix)
			.length;
	const servers = (await direct.api('compute', { path: '/servers', qs: { name: `^${runPrefix}` } }))
		.servers.length;
	const volumes = (await direct.api('block-storage', { path: '/volumes/detail' })).volumes.filter(
		(volume: { name?: string }) => volume.name?.startsWith(runPrefix),
	).length;
	const keyPairs = (
		await direct.api('compute', { path: '/os-keypairs', microversion: '2.35' })
	).keypairs.filter((entry: { keypair: { name: string } }) =>
		entry.keypair.name.startsWith(runPrefix),
	).length;
	return {
		servers,
		volumes,
		keyPairs,
		networks: await neutron('networks', 'networks'),
		routers: await neutron('routers', 'routers'),
		securityGroups: await neutron('security-groups', 'security_groups'),
		floatingIps: await neutron('floatingips', 'floatingips'),
	};
}

const NOTHING = {
	servers: 0,
	volumes: 0,
	keyPairs: 0,
	networks: 0,
	routers: 0,
	securityGroups: 0,
	floatingIps: 0,
};

/** The outputs every run must show, whichever way it was started. */
function checkRun(out: (node: string) => Record<string, any>) {
	const runPrefix = out('Prefix').prefix as string;
	const network = out('Create Network');
	expect(network).toMatchObject({ name: `${runPrefix}-net`, subnet: { cidr: '10.90.0.0/24' } });
	expect(out('Create Router')).toMatchObject({
		externalGatewayInfo: { networkId: cloud.publicNetwork.id },
	});
	expect(out('Add Interface')).toMatchObject({ added: true, subnetId: network.subnet.id });
	expect(out('Allow SSH')).toMatchObject({
		protocol: 'tcp',
		portRangeMin: 22,
		portRangeMax: 22,
		direction: 'ingress',
	});
	expect(out('Create Key Pair')).toMatchObject({ name: `${runPrefix}-key` });
	const server = out('Create Server');
	expect(server).toMatchObject({
		name: `${runPrefix}-vm`,
		status: 'ACTIVE',
		keyName: `${runPrefix}-key`,
		securityGroups: [{ name: `${runPrefix}-ssh` }],
	});
	expect(Object.keys(server.addresses)).toEqual([`${runPrefix}-net`]);
	expect(server).not.toHaveProperty('adminPass');
	expect(out('Create Volume')).toMatchObject({ status: 'available', size: 1 });
	expect(out('Attach Volume')).toMatchObject({
		status: 'in-use',
		attachedTo: [server.id],
		serverId: server.id,
	});
	const floating = out('Associate Floating IP');
	expect(floating).toMatchObject({ serverId: server.id, fixedIpAddress: server.ipAddresses[0] });
	expect(floating.portId).toEqual(expect.any(String));
	const usage = out('Read Usage');
	expect(usage).toMatchObject({
		projectId: cloud.member.projectId,
		period: { hours: 24 },
		compute: {
			usage: { servers: expect.any(Number) },
			quotas: { instances: { used: expect.any(Number) } },
		},
		network: { floatingIps: { used: expect.any(Number) } },
		blockStorage: { volumes: { used: expect.any(Number) } },
	});
	expect(usage.compute.quotas.instances.used).toBeGreaterThanOrEqual(1);
	expect(usage.network.floatingIps.used).toBeGreaterThanOrEqual(1);
	expect(usage.blockStorage.volumes.used).toBeGreaterThanOrEqual(1);
	expect(out('Stop Server')).toMatchObject({ id: server.id, status: 'SHUTOFF' });
	expect(out('Start Server')).toMatchObject({ id: server.id, status: 'ACTIVE' });
	expect(out('Delete Floating IP')).toMatchObject({ deleted: true });
	expect(out('Detach Volume')).toMatchObject({ status: 'available', detachedFrom: server.id });
	for (const step of [
		'Delete Volume',
		'Delete Server',
		'Delete Key Pair',
		'Delete Router',
		'Delete Security Group',
		'Delete Network',
	])
		expect(out(step)).toMatchObject({ deleted: true });
	expect(out('Delete Router').removedInterfaces).toEqual([network.subnet.id]);
	return runPrefix;
}

let n8n: N8nInstance;

beforeAll(async () => {
	n8n = await N8nInstance.create();
	await n8n.importCredentials([
		{
			id: 'openstackE2e01',
			name: 'Local OpenStack',
			type: 'cloudPackOpenStackApi',
			data: {
				cloud: 'custom',
				authUrl: cloud.authUrl,
				region: cloud.region,
				authentication: 'applicationCredential',
				applicationCredentialBy: 'id',
				applicationCredentialId: cloud.member.applicationCredential.id,
				applicationCredentialSecret: cloud.member.applicationCredential.secret,
				interface: 'public',
			},
		},
	]);
	await n8n.importWorkflow(definition);
});

afterAll(async () => await n8n?.dispose());

describe('OpenStack infrastructure workflow in a real n8n', () => {
	it('builds a server with network, security group, key pair, volume and floating IP, reads usage, stops, starts and deletes it all', async () => {
		const run = await n8n.execute(WORKFLOW, {}, 20 * 60_000);
		const runPrefix = checkRun((node) => run.output(node)[0].json);
		const key = run.output('Create Key Pair')[0].json;
		expect(key.privateKey).toMatch(/PRIVATE KEY/);
		const summary = run.output('Summary')[0].json;
		expect(summary['Create Key Pair']).toEqual({
			name: `${runPrefix}-key`,
			privateKeyReturned: true,
		});
		expect(await leftovers(runPrefix)).toEqual(NOTHING);
	});

	it('runs the same workflow twice at the same time through its webhook, without the runs tripping over each other', async () => {
		await n8n.publish(WORKFLOW);
		const port = await freePort();
		await n8n.start(port);
		try {
			const url = `http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`;
			// n8n answers /healthz before it has registered the published webhooks; a 404 runs nothing,
			// so each call is repeated until the route exists (both start within the same half second).
			const call = async () => {
				let answer = await post(url);
				for (let attempt = 0; answer.status === 404 && attempt < 120; attempt++) {
					await new Promise((resolve) => setTimeout(resolve, 500));
					answer = await post(url);
				}
				return answer;
			};
			const [first, second] = await Promise.all([call(), call()]);
			for (const answer of [first, second]) expect(answer.status).toBe(200);
			const summaries = [first, second].map(
				(answer) => JSON.parse(answer.body) as Record<string, any>,
			);
			const prefixes = summaries.map((summary) => checkRun((node) => summary[node]));
			expect(new Set(prefixes).size).toBe(2);
			expect(summaries[0]['Create Server'].id).not.toBe(summaries[1]['Create Server'].id);
			expect(summaries[0]['Create Floating IP'].floatingIpAddress).not.toBe(
				summaries[1]['Create Floating IP'].floatingIpAddress,
			);
			for (const summary of summaries)
				expect(summary['Create Key Pair'].privateKeyReturned).toBe(true);
			for (const runPrefix of prefixes) expect(await leftovers(runPrefix)).toEqual(NOTHING);
		} finally {
			await n8n.stop();
		}
	});
});
