/**
 * The OpenStack Orchestration node inside a real n8n 2.40.7, against the local Heat: a stack from
 * a small template (OS::Heat::RandomString + outputs) created and waited for, read with its
 * outputs, updated with new parameters, its resources listed, and deleted, in one workflow; a
 * broken template refused with Heat's message by Validate and by Create, with nothing created.
 * Stacks are made with the member's password (Keystone refuses application credentials the
 * trust Heat creates for each stack).
 */
import type { IDataObject } from 'n8n-workflow';

import { openStackRequest } from '../../nodes/shared/openstack/request';
import { credentialStore, openStackContext } from '../helpers/openstack/context';
import { passwordCredential, unique } from '../helpers/openstack/servers';
import { N8nInstance } from './harness/n8n';
import { PACK, manualTrigger, workflow } from './harness/workflow';

jest.setTimeout(15 * 60_000);

const CREDENTIAL = {
	cloudPackOpenStackApi: { id: 'openStackHeatE2e01', name: 'OpenStack Heat e2e' },
};
const heat = (name: string, parameters: Record<string, unknown>, extra: IDataObject = {}) => ({
	name,
	type: `${PACK}.openStackOrchestration`,
	parameters,
	credentials: CREDENTIAL,
	...extra,
});

const TEMPLATE = `heat_template_version: 2018-08-31
description: n8n e2e stack
parameters:
  length:
    type: number
    default: 8
resources:
  token:
    type: OS::Heat::RandomString
    properties:
      length: { get_param: length }
outputs:
  token:
    description: a random string
    value: { get_attr: [token, value] }
  length:
    value: { get_param: length }
`;

const BROKEN = `heat_template_version: 2018-08-31
resources:
  token:
    type: OS::Heat::NoSuchThing
`;

const store = credentialStore(passwordCredential('member'));
async function stacksNamed(name: string) {
	const { stacks } = await openStackRequest<{ stacks: IDataObject[] }>(
		openStackContext(store).ctx,
		{ service: 'orchestration', path: '/stacks', qs: { name } },
	);
	return stacks;
}

describe('OpenStack Orchestration inside a real n8n', () => {
	const name = unique('e2e-heat');
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await N8nInstance.create({}, 'server');
		await n8n.importCredentials([
			{
				id: 'openStackHeatE2e01',
				name: 'OpenStack Heat e2e',
				type: 'cloudPackOpenStackApi',
				data: passwordCredential('member'),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const stack of await stacksNamed(name).catch(() => [])) {
			await openStackRequest(openStackContext(store).ctx, {
				service: 'orchestration',
				method: 'DELETE',
				path: `/stacks/${name}/${stack.id as string}`,
			}).catch(() => undefined);
		}
	});

	it('creates a stack, reads its outputs, updates it, lists its resources and deletes it', async () => {
		const stack = { __rl: true, mode: 'id', value: "={{ $('Create').item.json.id }}" };
		await n8n.importWorkflow(
			workflow('e2eHeatLifecycle', [
				manualTrigger,
				heat('Create', {
					resource: 'stack',
					operation: 'create',
					stackName: name,
					templateSource: 'text',
					template: TEMPLATE,
					specifyParameters: 'keyValue',
					parameters: { entry: [{ name: 'length', value: '10' }] },
					waitUntilComplete: true,
					options: {},
				}),
				heat('Get', { resource: 'stack', operation: 'get', stack }),
				heat('Update', {
					resource: 'stack',
					operation: 'update',
					stack,
					templateSource: 'existing',
					specifyParameters: 'json',
					parametersJson: '{ "length": 16 }',
					waitUntilComplete: true,
					options: {},
				}),
				heat('Resources', {
					resource: 'stack',
					operation: 'listResources',
					stack,
					returnAll: true,
					options: {},
				}),
				heat(
					'Delete',
					{ resource: 'stack', operation: 'delete', stack, waitUntilDeleted: true, options: {} },
					{ executeOnce: true },
				),
			]),
		);
		const run = await n8n.execute('e2eHeatLifecycle', {}, 600_000);
		const created = run.output('Create')[0].json;
		expect(created).toMatchObject({
			name,
			status: 'CREATE_COMPLETE',
			description: 'n8n e2e stack',
		});
		const got = run.output('Get')[0].json;
		expect(got).toMatchObject({ id: created.id, outputs: { length: 10 } });
		expect((got.outputs as IDataObject).token).toMatch(/^[A-Za-z0-9]{10}$/);
		const updated = run.output('Update')[0].json;
		expect(updated).toMatchObject({
			id: created.id,
			status: 'UPDATE_COMPLETE',
			outputs: { length: 16 },
		});
		expect((updated.outputs as IDataObject).token).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(run.output('Resources').map((item) => [item.json.name, item.json.type])).toEqual([
			['token', 'OS::Heat::RandomString'],
		]);
		expect(run.output('Delete')[0].json).toEqual({
			id: created.id,
			name,
			deleted: true,
			status: 'DELETE_COMPLETE',
		});
		expect(await stacksNamed(name)).toEqual([]);
	});

	it("refuses a broken template with Heat's message, in Validate and in Create, creating nothing", async () => {
		await n8n.importWorkflow(
			workflow('e2eHeatValidate', [
				manualTrigger,
				heat('Validate', {
					resource: 'template',
					operation: 'validate',
					templateSource: 'text',
					template: BROKEN,
					specifyParameters: 'none',
					options: {},
				}),
			]),
		);
		const validation = await n8n.executeExpectingFailure('e2eHeatValidate');
		expect(validation).toContain(
			'Invalid "Template": The Resource Type (OS::Heat::NoSuchThing) could not be found.',
		);

		await n8n.importWorkflow(
			workflow('e2eHeatBroken', [
				manualTrigger,
				heat('Create', {
					resource: 'stack',
					operation: 'create',
					stackName: `${name}-broken`,
					templateSource: 'text',
					template: 'heat_template_version: 2018-08-31\nresources: [unclosed',
					specifyParameters: 'none',
					waitUntilComplete: true,
					options: {},
				}),
			]),
		);
		const creation = await n8n.executeExpectingFailure('e2eHeatBroken');
		expect(creation).toContain('Invalid "Template": Heat could not read it as YAML or JSON');
		expect(await stacksNamed(`${name}-broken`)).toEqual([]);
	});
});
