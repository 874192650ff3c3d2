/**
 * The OpenStack Orchestration node against a real Heat (Zed, api + engine; test/servers/openstack):
 * stacks created from YAML text, JSON text and a binary file, with parameters and an environment,
 * waited for until complete, read with their outputs, updated, listed with filters, their
 * resources, events and template, deleted and waited for; a failing resource reported by name
 * with Heat's reason; templates validated; bad input refused naming the parameter with nothing
 * created (checked in Heat). Heat creates a Keystone trust per stack, which Keystone refuses to a
 * application credential (Keystone 22 with its security fix, even an unrestricted one): the
 * stacks are made with the member's password, and that refusal is checked to be explained.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { OpenStackOrchestration } from '../../nodes/OpenStackOrchestration/OpenStackOrchestration.node';
import { openStackRequest } from '../../nodes/shared/openstack/request';
import { rl } from '../helpers/executeContext';
import {
	credentialStore,
	openStackContext,
	runNode,
	runNodeFailing,
} from '../helpers/openstack/context';
import { memberAppCredential, passwordCredential, unique } from '../helpers/openstack/servers';

jest.setTimeout(600_000);

const node = new OpenStackOrchestration();
const store = credentialStore(passwordCredential('member'));

const TEMPLATE = `heat_template_version: 2018-08-31
description: n8n test stack
parameters:
  length:
    type: number
    default: 8
    constraints:
      - range: { min: 4, max: 64 }
  label:
    type: string
    default: none
resources:
  secret:
    type: OS::Heat::RandomString
    properties:
      length: { get_param: length }
outputs:
  secret:
    description: the random string
    value: { get_attr: [secret, value] }
  label:
    value: { get_param: label }
`;

const FAILING = `heat_template_version: 2018-08-31
resources:
  fine:
    type: OS::Heat::RandomString
  broken:
    type: OS::Heat::TestResource
    properties:
      fail: true
`;

const run = async (params: IDataObject, extra: { items?: any[]; credential?: IDataObject } = {}) =>
	(
		await runNode(node, extra.credential ? credentialStore(extra.credential) : store, {
			params,
			items: extra.items,
		})
	).json;
const fails = async (params: IDataObject, items?: any[]) =>
	await runNodeFailing(node, store, { params, items });

async function heat<T = any>(path: string, qs?: IDataObject, method: 'GET' | 'DELETE' = 'GET') {
	return await openStackRequest<T>(openStackContext(store).ctx, {
		service: 'orchestration',
		method,
		path,
		qs,
	});
}
const stacksNamed = async (name: string) =>
	(await heat<{ stacks: Array<{ id: string; stack_name: string }> }>('/stacks', { name })).stacks;

describe('OpenStack Orchestration node on Heat', () => {
	const prefix = unique('dnsheat');
	const name = `${prefix}-main`;
	let stackId = '';

	afterAll(async () => {
		const { stacks } = await heat<{ stacks: Array<{ id: string; stack_name: string }> }>('/stacks');
		for (const stack of stacks.filter((s) => s.stack_name.startsWith(prefix))) {
			await heat(`/stacks/${stack.stack_name}/${stack.id}`, undefined, 'DELETE').catch(
				() => undefined,
			);
		}
	});

	it('validates a template: its description and parameters, nothing created', async () => {
		const [result] = await run({
			resource: 'template',
			operation: 'validate',
			templateSource: 'text',
			template: TEMPLATE,
			specifyParameters: 'none',
			options: {},
		});
		expect(result).toMatchObject({
			valid: true,
			description: 'n8n test stack',
			parameters: {
				length: { Type: 'Number', Default: 8 },
				label: { Type: 'String', Default: 'none' },
			},
		});
	});

	it("refuses an invalid template with Heat's reason, naming the parameter", async () => {
		const unknownType = await fails({
			resource: 'template',
			operation: 'validate',
			templateSource: 'text',
			template: 'heat_template_version: 2018-08-31\nresources:\n  x:\n    type: OS::Nope\n',
			options: {},
		});
		expect(unknownType.message).toBe(
			'Invalid "Template": The Resource Type (OS::Nope) could not be found.',
		);
		expect(unknownType.description).toBe('Check the parameter "Template"');
		const notYaml = await fails({
			resource: 'template',
			operation: 'validate',
			templateSource: 'text',
			template: 'this: is: not yaml: [',
			options: {},
		});
		expect(notYaml.message).toMatch(
			/^Invalid "Template": Heat could not read it as YAML or JSON: Error parsing template .*mapping values are not allowed here/,
		);
	});

	it('creates a stack from YAML with parameters (fields) and an environment, waits, and returns its outputs', async () => {
		const [stack] = await run({
			resource: 'stack',
			operation: 'create',
			stackName: name,
			templateSource: 'text',
			template: TEMPLATE,
			specifyParameters: 'keyValue',
			parameters: { entry: [{ name: 'length', value: '12' }] },
			waitUntilComplete: true,
			options: {
				environment: 'parameter_defaults:\n  label: from-environment\n',
				tags: 'n8n, test',
			},
		});
		expect(stack).toMatchObject({
			name,
			status: 'CREATE_COMPLETE',
			description: 'n8n test stack',
			parameters: { length: '12', label: 'from-environment' },
			outputs: { label: 'from-environment', secret: expect.stringMatching(/^[A-Za-z0-9]{12}$/) },
			tags: ['n8n', 'test'],
		});
		expect(stack.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
		stackId = stack.id as string;
		expect((await stacksNamed(name)).map((s) => s.id)).toEqual([stackId]);
	});

	it('gets the stack by name, by ID and from the list, with its outputs as fields', async () => {
		for (const stack of [rl(name), rl(stackId, 'id'), rl(stackId, 'list')]) {
			const [got] = await run({ resource: 'stack', operation: 'get', stack });
			expect(got).toMatchObject({ id: stackId, name, outputs: { label: 'from-environment' } });
			expect(Object.keys(got.parameters as object)).not.toContain('OS::stack_id');
		}
		const missing = await fails({
			resource: 'stack',
			operation: 'get',
			stack: rl(`${prefix}-none`),
		});
		expect(missing.message).toBe(`There is no stack named "${prefix}-none" in this project`);
	});

	it('updates the parameters only (JSON), keeping the template, and waits until complete', async () => {
		const [before] = await run({ resource: 'stack', operation: 'get', stack: rl(name) });
		const [updated] = await run({
			resource: 'stack',
			operation: 'update',
			stack: rl(name),
			templateSource: 'existing',
			specifyParameters: 'json',
			parametersJson: '{ "length": 20 }',
			waitUntilComplete: true,
			options: {},
		});
		expect(updated).toMatchObject({
			id: stackId,
			status: 'UPDATE_COMPLETE',
			parameters: { length: '20', label: 'from-environment' },
		});
		expect((updated.outputs as IDataObject).secret).toMatch(/^[A-Za-z0-9]{20}$/);
		expect((updated.outputs as IDataObject).secret).not.toBe(
			(before.outputs as IDataObject).secret,
		);
	});

	it('updates the template from a binary JSON file, and resets a parameter', async () => {
		const json = JSON.stringify({
			heat_template_version: '2018-08-31',
			parameters: {
				length: { type: 'number', default: 6 },
				label: { type: 'string', default: 'json' },
			},
			resources: {
				secret: { type: 'OS::Heat::RandomString', properties: { length: { get_param: 'length' } } },
				other: { type: 'OS::Heat::RandomString', properties: { length: 5 } },
			},
			outputs: { other: { value: { get_attr: ['other', 'value'] } } },
		});
		const [updated] = await run(
			{
				resource: 'stack',
				operation: 'update',
				stack: rl(stackId, 'id'),
				templateSource: 'binary',
				binaryPropertyName: 'template',
				specifyParameters: 'none',
				waitUntilComplete: true,
				options: { resetParameters: 'length' },
			},
			{
				items: [
					{
						json: {},
						binary: {
							template: {
								data: Buffer.from(json).toString('base64'),
								mimeType: 'application/json',
								fileName: 'stack.json',
							},
						},
					},
				],
			},
		);
		expect(updated).toMatchObject({ status: 'UPDATE_COMPLETE', parameters: { length: '6' } });
		expect((updated.outputs as IDataObject).other).toMatch(/^[A-Za-z0-9]{5}$/);
	});

	it('lists stacks by name and status, with a limit; lists resources, events and the template', async () => {
		const list = (filters: IDataObject, extra: IDataObject = { returnAll: true }) =>
			run({ resource: 'stack', operation: 'list', filters, ...extra });
		expect((await list({ name })).map((s) => s.id)).toEqual([stackId]);
		expect((await list({ status: ['UPDATE_COMPLETE'] })).map((s) => s.id)).toContain(stackId);
		expect((await list({ status: ['CREATE_FAILED', 'COMPLETE'] })).map((s) => s.id)).toContain(
			stackId,
		);
		// Heat alone would also give CREATE_COMPLETE and UPDATE_FAILED stacks for these two.
		const exact = await list({ status: ['CREATE_FAILED', 'UPDATE_COMPLETE'] });
		expect(exact.map((s) => s.id)).toContain(stackId);
		expect(
			exact.filter((s) => !['CREATE_FAILED', 'UPDATE_COMPLETE'].includes(s.status as string)),
		).toEqual([]);
		expect((await list({ name, status: ['CREATE_COMPLETE'] })).map((s) => s.id)).toEqual([]);
		expect(await list({}, { returnAll: false, limit: 1 })).toHaveLength(1);

		const resources = await run({
			resource: 'stack',
			operation: 'listResources',
			stack: rl(name),
			returnAll: true,
			options: {},
		});
		expect(resources.map((r) => [r.name, r.type, r.status]).sort()).toEqual([
			['other', 'OS::Heat::RandomString', 'CREATE_COMPLETE'],
			['secret', 'OS::Heat::RandomString', expect.stringMatching(/_COMPLETE$/)],
		]);
		const events = await run({
			resource: 'stack',
			operation: 'listEvents',
			stack: rl(name),
			returnAll: true,
			options: {},
		});
		expect(events.length).toBeGreaterThanOrEqual(6);
		const times = events.map((e) => e.time as string);
		expect([...times].sort().reverse()).toEqual(times);
		const limited = await run({
			resource: 'stack',
			operation: 'listEvents',
			stack: rl(name),
			returnAll: false,
			limit: 2,
			options: { resourceName: 'other', oldestFirst: true },
		});
		expect(limited.map((e) => [e.resourceName, e.status])).toEqual([
			['other', 'CREATE_IN_PROGRESS'],
			['other', 'CREATE_COMPLETE'],
		]);

		const { output } = await runNode(node, store, {
			params: {
				resource: 'stack',
				operation: 'getTemplate',
				stack: rl(name),
				asFile: true,
				binaryPropertyName: 'file',
			},
		});
		expect(output[0].json).toMatchObject({
			stackId,
			template: {
				heat_template_version: '2018-08-31',
				resources: { other: { type: 'OS::Heat::RandomString' } },
			},
		});
		expect(output[0].binary?.file).toMatchObject({
			fileName: `${name}.template.json`,
			mimeType: 'application/json',
		});
	});

	it('offers the stacks in its picker', async () => {
		const load = openStackContext(store).ctx as unknown as ILoadOptionsFunctions;
		const found = await node.methods.listSearch.searchStacks.call(load, name);
		expect(found.results).toEqual([{ name: `${name} (UPDATE_COMPLETE)`, value: stackId }]);
	});

	it("reports the failing resource and Heat's reason when a creation fails", async () => {
		const failing = `${prefix}-failing`;
		const error = await fails({
			resource: 'stack',
			operation: 'create',
			stackName: failing,
			templateSource: 'text',
			template: FAILING,
			waitUntilComplete: true,
			options: {},
		});
		expect(error.message).toBe(
			`The stack "${failing}" went to CREATE_FAILED: resource "broken" (OS::Heat::TestResource) CREATE_FAILED: ValueError: resources.broken: Test Resource failed broken`,
		);
		expect(error.description).toMatch(
			/^Heat's reason: Resource CREATE failed: ValueError: resources.broken: Test Resource failed broken\. The stack \(ID [0-9a-f-]{36}\) still exists/,
		);
	});

	it('names the failing resource of a creation Heat rolled back (from the events)', async () => {
		const rolledBack = `${prefix}-rollback`;
		const error = await fails({
			resource: 'stack',
			operation: 'create',
			stackName: rolledBack,
			templateSource: 'text',
			template: FAILING,
			waitUntilComplete: true,
			options: { rollback: true },
		});
		expect(error.message).toMatch(
			new RegExp(
				`^The stack "${rolledBack}" went to ROLLBACK_COMPLETE: resource "broken" CREATE_FAILED: ValueError: resources.broken: Test Resource failed broken`,
			),
		);
	});

	describe('bad input: an error naming the parameter, nothing created', () => {
		const create = (overrides: IDataObject) => ({
			resource: 'stack',
			operation: 'create',
			stackName: `${prefix}-bad`,
			templateSource: 'text',
			template: TEMPLATE,
			specifyParameters: 'none',
			waitUntilComplete: true,
			options: {},
			...overrides,
		});

		it.each([
			[
				'a template that is not YAML or JSON',
				{ template: 'this: is: not yaml: [' },
				/^Invalid "Template": Heat could not read it as YAML or JSON: /,
				'Template',
			],
			[
				'a template that is plain text',
				{ template: 'just some text' },
				/^Invalid "Template": Heat could not read it as YAML or JSON: The template is not a JSON object or YAML mapping\.$/,
				'Template',
			],
			[
				'an empty template',
				{ template: '   ' },
				/^Invalid "Template": it must not be empty$/,
				'Template',
			],
			[
				'parameters JSON that does not parse',
				{ specifyParameters: 'json', parametersJson: '{ "length": 12, }' },
				/^Invalid "Parameters \(JSON\)": it is not valid JSON \(/,
				'Parameters (JSON)',
			],
			[
				'parameters JSON that is not an object',
				{ specifyParameters: 'json', parametersJson: '[12]' },
				/^Invalid "Parameters \(JSON\)": it must be a JSON object/,
				'Parameters (JSON)',
			],
			[
				'a parameter out of its range',
				{ specifyParameters: 'json', parametersJson: '{ "length": 100 }' },
				/^Invalid "Parameters": Parameter 'length' is invalid: .*64/,
				'Parameters',
			],
			[
				'an unknown parameter',
				{
					specifyParameters: 'keyValue',
					parameters: { entry: [{ name: 'colour', value: 'red' }] },
				},
				/^Invalid "Parameters": The Parameter \(colour\) was not defined in template\.$/,
				'Parameters',
			],
			[
				'an environment that is not YAML',
				{ options: { environment: 'parameter_defaults: [' } },
				/^Invalid "Environment": Heat could not read it as YAML or JSON: /,
				'Environment',
			],
			[
				'a stack name Heat refuses',
				{ stackName: '1-starts-with-a-digit' },
				/^Invalid "Stack Name": "1-starts-with-a-digit" is not a stack name Heat accepts/,
				'Stack Name',
			],
			[
				'a timeout of 0 minutes',
				{ options: { timeoutMinutes: 0 } },
				/^Invalid "Timeout \(Minutes\)": 0 is below the minimum of 1$/,
				'Timeout (Minutes)',
			],
		])('%s', async (_label, overrides, message, parameter) => {
			const error = await fails(create(overrides));
			expect(error.message).toMatch(message);
			expect(error.description).toBe(`Check the parameter "${parameter}"`);
			expect(
				await stacksNamed(String((overrides as IDataObject).stackName ?? `${prefix}-bad`)),
			).toEqual([]);
		});

		it('a binary field that is missing', async () => {
			const error = await fails(create({ templateSource: 'binary', binaryPropertyName: 'tpl' }), [
				{ json: {} },
			]);
			expect(error.message).toBe(
				'Invalid "Input Binary Field": the input item has no binary field "tpl"',
			);
			expect(await stacksNamed(`${prefix}-bad`)).toEqual([]);
		});

		it('a binary file that is not YAML or JSON names the binary field', async () => {
			const error = await fails(create({ templateSource: 'binary', binaryPropertyName: 'data' }), [
				{
					json: {},
					binary: {
						data: { data: Buffer.from('key: [unclosed').toString('base64'), mimeType: 'text/yaml' },
					},
				},
			]);
			expect(error.message).toMatch(
				/^Invalid "Input Binary Field": Heat could not read it as YAML or JSON: /,
			);
			expect(await stacksNamed(`${prefix}-bad`)).toEqual([]);
		});
	});

	it('explains why an application credential cannot create a stack (Keystone refuses it the trust Heat needs)', async () => {
		const error = await runNodeFailing(node, credentialStore(memberAppCredential()), {
			params: {
				resource: 'stack',
				operation: 'create',
				stackName: `${prefix}-appcred`,
				templateSource: 'text',
				template: TEMPLATE,
				specifyParameters: 'none',
				waitUntilComplete: false,
				options: {},
			},
		});
		expect(error.message).toMatch(/^OpenStack Orchestration \(Heat\) returned HTTP 500/);
		expect(error.description).toMatch(
			/^Heat gave no reason\. A likely one: Heat creates a Keystone trust for each stack, and Keystone refuses trusts to tokens of application credentials/,
		);
		expect(await stacksNamed(`${prefix}-appcred`)).toEqual([]);
	});

	it('deletes the stack and waits until it is gone', async () => {
		const [deleted] = await run({
			resource: 'stack',
			operation: 'delete',
			stack: rl(name),
			waitUntilDeleted: true,
			options: {},
		});
		expect(deleted).toMatchObject({ id: stackId, name, deleted: true, status: 'DELETE_COMPLETE' });
		expect(await stacksNamed(name)).toEqual([]);
	});
});
