/**
 * What the Orchestration node sends to Heat and how it reads the answers, against a stand-in
 * Heat behind the stand-in Keystone that answers scripted sequences: the stack found by list
 * filters (no redirects), waits that do not stop on an older result, failures reported from the
 * resources or, after a rollback, from the events, exact status filters, and Heat's refusals
 * restated to name the parameter.
 */
import type { ServerResponse } from 'http';

import { OpenStackOrchestration } from '../../../nodes/OpenStackOrchestration/OpenStackOrchestration.node';
import { rl } from '../../helpers/executeContext';
import { credentialStore, runNode, runNodeFailing } from '../../helpers/openstack/context';
import { FakeKeystone, sendJson, type ServiceCall } from '../../helpers/openstack/fakeKeystone';

jest.setTimeout(60_000);

const node = new OpenStackOrchestration();
const ID = '3095aefc-09fb-4bc7-b1f0-f21a304e864c';
const stack = (status: string, extra: Record<string, unknown> = {}) => ({
	id: ID,
	stack_name: 'web tier',
	stack_status: status,
	stack_status_reason: `Stack ${status}`,
	creation_time: '2026-12-02T08:00:00Z',
	updated_time: null,
	...extra,
});

describe('OpenStack Orchestration node requests', () => {
	let keystone: FakeKeystone;
	let handle: (call: ServiceCall, res: ServerResponse) => void;
	const base = () => `/svc/heat-api/v1/${keystone.project.id}`;
	const calls = () =>
		keystone.serviceCalls.map(
			(c) =>
				`${c.method} ${c.path.replace(base(), '')}${c.query.size ? `?${c.query.toString()}` : ''}`,
		);

	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
		keystone.service = (call, res) => handle(call, res);
	});
	afterAll(async () => await keystone.stop());
	beforeEach(() => {
		keystone.serviceCalls = [];
	});

	const params = (extra: Record<string, unknown>) => ({ options: {}, ...extra });
	const run = async (
		extra: Record<string, unknown>,
		store = credentialStore(keystone.credential()),
	) => (await runNode(node, store, { params: params(extra) })).json;
	const fails = async (extra: Record<string, unknown>) =>
		await runNodeFailing(node, credentialStore(keystone.credential()), { params: params(extra) });

	/** Answers the list (by name or id) with `listed`, GETs of the stack with `gets` in turn. */
	function heat(options: {
		listed?: () => unknown[];
		gets?: unknown[];
		resources?: unknown[];
		events?: unknown[];
		write?: (call: ServiceCall, res: ServerResponse) => void;
	}) {
		let get = 0;
		handle = (call, res) => {
			const path = call.path.replace(base(), '');
			if (path === '/stacks' && call.method === 'GET')
				return sendJson(res, 200, { stacks: options.listed?.() ?? [stack('CREATE_COMPLETE')] });
			if (path.startsWith('/stacks/') && path.endsWith(`/${ID}`) && call.method === 'GET') {
				const answers = options.gets ?? [stack('CREATE_COMPLETE')];
				return sendJson(res, 200, { stack: answers[Math.min(get++, answers.length - 1)] });
			}
			if (path.endsWith('/resources'))
				return sendJson(res, 200, { resources: options.resources ?? [] });
			if (path.endsWith('/events')) return sendJson(res, 200, { events: options.events ?? [] });
			if (options.write) return options.write(call, res);
			sendJson(res, 404, { error: { message: 'not found' } });
		};
	}

	it('finds a stack by name with the list filter and uses its canonical path', async () => {
		heat({
			gets: [
				stack('CREATE_COMPLETE', { outputs: [{ output_key: 'url', output_value: 'http://x' }] }),
			],
		});
		const [got] = await run({ resource: 'stack', operation: 'get', stack: rl('web tier') });
		expect(calls()).toEqual(['GET /stacks?name=web+tier', `GET /stacks/web%20tier/${ID}`]);
		expect(got).toMatchObject({
			id: ID,
			name: 'web tier',
			outputs: { url: 'http://x' },
			createdAt: '2026-12-02T08:00:00.000Z',
		});
		keystone.serviceCalls = [];
		await run({ resource: 'stack', operation: 'get', stack: rl(ID, 'id') });
		expect(calls()[0]).toBe(`GET /stacks?id=${ID}`);
		const notId = await fails({ resource: 'stack', operation: 'get', stack: rl('web', 'id') });
		expect(notId.message).toBe('Invalid "Stack": "web" is not a stack ID');
	});

	it("waits for an update without stopping at the previous update's result", async () => {
		const previous = { updated_time: '2026-12-02T08:10:00Z' };
		const next = { updated_time: '2026-12-02T08:20:00Z' };
		heat({
			gets: [
				stack('UPDATE_COMPLETE', previous), // read before the PATCH
				stack('UPDATE_COMPLETE', previous), // the engine has not started yet
				stack('UPDATE_IN_PROGRESS', next),
				stack('UPDATE_COMPLETE', next),
			],
			write: (call, res) => sendJson(res, 202, {}),
		});
		const [updated] = await run({
			resource: 'stack',
			operation: 'update',
			stack: rl('web tier'),
			templateSource: 'existing',
			specifyParameters: 'json',
			parametersJson: '{"count": 3}',
			waitUntilComplete: true,
		});
		expect(updated).toMatchObject({
			status: 'UPDATE_COMPLETE',
			updatedAt: '2026-12-02T08:20:00.000Z',
		});
		expect(calls().filter((c) => c.startsWith('GET /stacks/'))).toHaveLength(5);
		const patch = keystone.serviceCalls.find((c) => c.method === 'PATCH')!;
		expect(JSON.parse(patch.body)).toEqual({ parameters: { count: 3 } });
	});

	it('creates a stack from a template an expression gives as an object, with rollback', async () => {
		heat({
			gets: [stack('CREATE_IN_PROGRESS', { stack_name: 'web-tier' })],
			write: (call, res) => sendJson(res, 201, { stack: { id: ID, links: [] } }),
		});
		const [created] = await run({
			resource: 'stack',
			operation: 'create',
			stackName: 'web-tier',
			templateSource: 'text',
			template: { heat_template_version: '2018-08-31', resources: {} },
			specifyParameters: 'keyValue',
			parameters: { entry: [{ name: 'count', value: '2' }] },
			waitUntilComplete: false,
			options: { rollback: true, tags: 'a, b', timeoutMinutes: 30 },
		});
		expect(created).toMatchObject({ id: ID, name: 'web-tier', status: 'CREATE_IN_PROGRESS' });
		const post = keystone.serviceCalls.find((c) => c.method === 'POST')!;
		expect(JSON.parse(post.body)).toEqual({
			stack_name: 'web-tier',
			template: '{"heat_template_version":"2018-08-31","resources":{}}',
			parameters: { count: '2' },
			disable_rollback: false,
			tags: 'a,b',
			timeout_mins: 30,
		});
		expect(calls()).toEqual(['POST /stacks', `GET /stacks/web-tier/${ID}`]);
	});

	it("names the failing resource of a rolled-back update from the stack's events", async () => {
		heat({
			gets: [
				stack('UPDATE_COMPLETE'),
				stack('ROLLBACK_COMPLETE', {
					stack_status_reason: 'Stack ROLLBACK completed successfully',
					updated_time: '2026-12-02T08:30:00Z',
				}),
			],
			write: (call, res) => sendJson(res, 202, {}),
			resources: [],
			events: [
				{
					resource_name: 'web tier',
					logical_resource_id: 'web tier',
					resource_status: 'CREATE_FAILED',
					resource_status_reason: 'Resource CREATE failed',
				},
				{
					resource_name: 'server',
					resource_type: 'OS::Nova::Server',
					resource_status: 'UPDATE_FAILED',
					resource_status_reason: 'No valid host was found.',
				},
			],
		});
		const error = await fails({
			resource: 'stack',
			operation: 'update',
			stack: rl('web tier'),
			templateSource: 'existing',
			specifyParameters: 'json',
			parametersJson: '{"count": 3}',
			waitUntilComplete: true,
		});
		expect(error.message).toBe(
			'The stack "web tier" went to ROLLBACK_COMPLETE: resource "server" (OS::Nova::Server) UPDATE_FAILED: No valid host was found.',
		);
		expect(calls()).toContain(
			`GET /stacks/web%20tier/${ID}/events?resource_status=FAILED&sort_dir=desc&limit=20`,
		);
	});

	it('waits for a deletion until Heat no longer lists the stack', async () => {
		const listings = [[stack('DELETE_IN_PROGRESS')], [stack('DELETE_COMPLETE')], []];
		let list = 0;
		heat({
			listed: () => (list++ === 0 ? [stack('CREATE_COMPLETE')] : listings[Math.min(list - 2, 2)]),
			write: (call, res) => {
				res.writeHead(204);
				res.end();
			},
		});
		const [deleted] = await run({
			resource: 'stack',
			operation: 'delete',
			stack: rl('web tier'),
			waitUntilDeleted: true,
		});
		expect(deleted).toEqual({ id: ID, name: 'web tier', deleted: true, status: 'DELETE_COMPLETE' });
		expect(calls()).toEqual([
			'GET /stacks?name=web+tier',
			`DELETE /stacks/web%20tier/${ID}`,
			`GET /stacks?id=${ID}`,
			`GET /stacks?id=${ID}`,
			`GET /stacks?id=${ID}`,
		]);
	});

	it('lists stacks with exactly the statuses chosen, asking Heat for their states only', async () => {
		const stacks = [
			'CREATE_COMPLETE',
			'CREATE_FAILED',
			'UPDATE_COMPLETE',
			'UPDATE_FAILED',
			'DELETE_IN_PROGRESS',
		].map((status, i) => stack(status, { id: `id-${i}`, stack_name: `s${i}` }));
		heat({ listed: () => stacks });
		const found = await run({
			resource: 'stack',
			operation: 'list',
			returnAll: false,
			limit: 5,
			filters: { status: ['CREATE_FAILED', 'UPDATE_COMPLETE'] },
		});
		expect(found.map((s) => s.status)).toEqual(['CREATE_FAILED', 'UPDATE_COMPLETE']);
		expect(calls()).toEqual(['GET /stacks?status=FAILED&status=COMPLETE&limit=500']);
		const anyFailed = await run({
			resource: 'stack',
			operation: 'list',
			returnAll: true,
			filters: { status: ['FAILED'] },
		});
		expect(anyFailed.map((s) => s.status)).toEqual(['CREATE_FAILED', 'UPDATE_FAILED']);
	});

	it("restates Heat's refusals: environment, parameters, template, and a 500 with an application credential", async () => {
		const refuse = (message: string, status = 400) =>
			heat({
				write: (call, res) =>
					sendJson(res, status, { code: status, error: { message, type: 'X' }, title: 'T' }),
			});
		const create = {
			resource: 'stack',
			operation: 'create',
			stackName: 'web',
			templateSource: 'text',
			template: 'x: 1',
			waitUntilComplete: false,
		};
		refuse('Environment not in valid format: while parsing a flow sequence');
		expect((await fails({ ...create, options: { environment: 'a: [' } })).message).toBe(
			'Invalid "Environment": Heat could not read it as YAML or JSON: while parsing a flow sequence',
		);
		refuse('The Parameter (count) was not provided.');
		const missing = await fails(create);
		expect([missing.message, missing.description]).toEqual([
			'Invalid "Parameters": The Parameter (count) was not provided.',
			'Check the parameter "Parameters"',
		]);
		refuse('The Stack (web) already exists.', 409);
		expect((await fails(create)).message).toBe(
			'OpenStack Orchestration (Heat) returned HTTP 409: The Stack (web) already exists.',
		);
		heat({
			write: (call, res) =>
				sendJson(res, 500, {
					code: 500,
					error: { type: 'RemoteError', traceback: null },
					title: 'Internal Server Error',
					explanation: 'The server has either erred',
				}),
		});
		const crashed = await fails(create);
		expect(crashed.description).toMatch(
			/^Heat gave no reason\. A likely one: Heat creates a Keystone trust/,
		);
	});
});
