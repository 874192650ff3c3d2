/**
 * The OpenStack credential and the OpenStack Identity node inside a real n8n 2.40.7, against
 * the local Keystone 22: n8n keeps the token with the credential (preAuthentication), so a run
 * of 1,000 items and the runs after it make one token request; the credential test names what
 * failed.
 */
import { N8nInstance } from './harness/n8n';
import { N8nRest } from './harness/rest';
import { freePort } from './harness/ports';
import { PACK, manualTrigger, workflow } from './harness/workflow';
import { CountingProxy } from '../helpers/openstack/countingProxy';
import { memberAppCredential, openStackServers } from '../helpers/openstack/servers';

jest.setTimeout(15 * 60_000);

const CREDENTIAL = { cloudPackOpenStackApi: { id: 'openStackE2e001', name: 'OpenStack e2e' } };
const identity = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.openStackIdentity`,
	parameters,
	credentials: CREDENTIAL,
});

describe('OpenStack Identity inside a real n8n', () => {
	const servers = openStackServers();
	let n8n: N8nInstance;
	let keystone: CountingProxy;

	beforeAll(async () => {
		keystone = await new CountingProxy(servers.authUrl.replace(/\/v3$/, '')).start();
		n8n = await N8nInstance.create();
		await n8n.importCredentials([
			{
				id: 'openStackE2e001',
				name: 'OpenStack e2e',
				type: 'cloudPackOpenStackApi',
				data: memberAppCredential({ authUrl: `${keystone.url}/v3` }),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await keystone?.stop();
	});

	it('runs 1,000 items on one token, and the next run on the same stored token', async () => {
		// Swift answers in milliseconds (the local Keystone takes about a second a request on this
		// machine): 1,000 account reads through the Object Storage node, the token from Keystone.
		const items = `return Array.from({ length: 1000 }, (_, i) => ({ json: { i } }));`;
		await n8n.importWorkflow(
			workflow(
				'e2eOpenStackThousand',
				[
					manualTrigger,
					{
						name: 'Items',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: items },
					},
					{
						name: 'Account',
						type: `${PACK}.openStackObjectStorage`,
						parameters: { resource: 'account', operation: 'get' },
						credentials: CREDENTIAL,
					},
					identity('Who', { resource: 'user', operation: 'getCurrent' }),
				],
				[
					['Start', 'Items', 'Account'],
					['Start', 'Who'],
				],
			),
		);
		const first = await n8n.execute('e2eOpenStackThousand');
		expect(first.output('Account')).toHaveLength(1000);
		expect(first.output('Account')[999].json).toMatchObject({
			containerCount: expect.any(Number),
			tempUrlKeySet: expect.any(Boolean),
		});
		const who = first.output('Who');
		expect(who[0].json).toMatchObject({
			user: { id: servers.member.userId },
			project: { id: servers.member.projectId },
		});
		expect(JSON.stringify(who[0].json)).not.toContain(servers.member.applicationCredential.secret);
		expect(keystone.count('POST /v3/auth/tokens')).toBe(1);

		await n8n.execute('e2eOpenStackThousand');
		expect(keystone.count('POST /v3/auth/tokens')).toBe(1);
	});

	it('lists projects, and creates, lists and deletes an EC2 credential in one workflow', async () => {
		await n8n.importWorkflow(
			workflow('e2eOpenStackIdentity', [
				manualTrigger,
				identity('Projects', { resource: 'project', operation: 'list', returnAll: true }),
				identity('Create EC2', { resource: 'ec2Credential', operation: 'create', projectId: '' }),
				identity('List EC2', { resource: 'ec2Credential', operation: 'list', returnAll: true }),
				identity('Delete EC2', {
					resource: 'ec2Credential',
					operation: 'delete',
					ec2Credential: {
						__rl: true,
						mode: 'id',
						value: "={{ $('Create EC2').item.json.access }}",
					},
				}),
			]),
		);
		const run = await n8n.execute('e2eOpenStackIdentity');
		expect(run.output('Projects').map((item) => item.json.id)).toContain(servers.member.projectId);
		const created = run.output('Create EC2')[0].json;
		expect(created).toMatchObject({
			projectId: servers.member.projectId,
			access: expect.any(String),
			secret: expect.any(String),
		});
		expect(run.output('List EC2').map((item) => item.json.access)).toContain(created.access);
		expect(run.output('List EC2').every((item) => item.json.secret === undefined)).toBe(true);
		expect(run.output('Delete EC2')[0].json).toEqual({ access: created.access, deleted: true });
	});

	it('fails a run with a wrong secret clearly, without the secret', async () => {
		const secret = 'this-is-the-wrong-secret-42';
		await n8n.importCredentials([
			{
				id: 'openStackE2eBad',
				name: 'OpenStack wrong',
				type: 'cloudPackOpenStackApi',
				data: memberAppCredential({ applicationCredentialSecret: secret }),
			},
		]);
		await n8n.importWorkflow(
			workflow('e2eOpenStackWrong', [
				manualTrigger,
				{
					...identity('Who', { resource: 'user', operation: 'getCurrent' }),
					credentials: {
						cloudPackOpenStackApi: { id: 'openStackE2eBad', name: 'OpenStack wrong' },
					},
				},
			]),
		);
		const output = await n8n.executeExpectingFailure('e2eOpenStackWrong');
		expect(output).toContain(
			'Keystone refused the application credential (HTTP 401): check its ID and secret',
		);
		expect(output).not.toContain(secret);
	});

	describe('the credential test in the editor', () => {
		let rest: N8nRest;
		const test = async (data: Record<string, unknown>) =>
			(
				await rest.post<{ status: string; message: string } | undefined>('/credentials/test', {
					credentials: {
						id: 'openStackE2e001',
						name: 'OpenStack e2e',
						type: 'cloudPackOpenStackApi',
						data,
					},
				})
			).data;

		beforeAll(async () => {
			const port = await freePort();
			await n8n.start(port);
			rest = await N8nRest.signIn(port);
		});
		afterAll(async () => await n8n.stop());

		it('passes with a good credential and names what failed otherwise', async () => {
			expect(await test(memberAppCredential())).toMatchObject({ status: 'OK' });
			const wrong = await test(
				memberAppCredential({ applicationCredentialSecret: 'wrong-secret-for-test-1' }),
			);
			expect(wrong).toMatchObject({ status: 'Error' });
			expect(wrong?.message).toMatch(/Keystone refused the application credential \(HTTP 401\)/);
			expect(wrong?.message).not.toContain('wrong-secret-for-test-1');
			const region = await test(memberAppCredential({ region: 'dc3-a' }));
			expect(region?.message).toBe(
				`Region "dc3-a" is not in the catalog of ${servers.authUrl}; its regions: ${servers.region}`,
			);
			const unreachable = await test(memberAppCredential({ authUrl: 'http://127.0.0.1:9/v3' }));
			expect(unreachable?.message).toMatch(
				/^Could not reach Keystone at http:\/\/127\.0\.0\.1:9\/v3: nothing accepts connections there$/,
			);
			const noScope = await test({
				...memberAppCredential(),
				authentication: 'password',
				userName: servers.member.username,
				password: servers.member.password,
				projectBy: 'name',
				projectName: servers.otherProject.projectName,
			});
			expect(noScope?.message).toMatch(/^No project scope/);
		});
	});
});
