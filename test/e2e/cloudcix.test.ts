import { readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { sessionOwner } from '../../nodes/CloudCix/session';
import { startCloudCixFake, type CloudCixFake, type FakeUser } from '../fakes/cloudcix/server';
import { sampleProjects } from '../fakes/cloudcix/services';
import { N8nInstance, parseRun } from './harness/n8n';
import { N8nRest } from './harness/rest';
import { freePort } from './harness/ports';
import { PACK, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';

/**
 * The CloudCIX node inside a real n8n 2.40, against the CloudCIX fake running in this jest
 * process: n8n's own expirable-token mechanism logs in (the credential's preAuthentication),
 * stores the token, renews it after a 401 or - through the node - before it runs out.
 */

jest.setTimeout(10 * 60_000);

const TYPE = 'cloudPackCloudCixApi';
let fake: CloudCixFake;
let n8n: N8nInstance;

const credentialData = (user: Omit<FakeUser, 'id'>, extra: Record<string, unknown> = {}) => ({
	email: user.email,
	password: user.password,
	apiKey: user.memberApiKey,
	apiUrl: fake.apiUrl,
	allowUnauthorizedCerts: false,
	...extra,
});

function cloudCix(
	name: string,
	parameters: Record<string, unknown>,
	credentialId = 'cixMain',
	extra: Partial<WorkflowNode> & { executeOnce?: boolean } = {},
): WorkflowNode {
	return {
		name,
		type: `${PACK}.cloudCix`,
		parameters,
		credentials: { [TYPE]: { id: credentialId, name: credentialId } },
		...extra,
	} as WorkflowNode;
}

const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const iaasProjects = { application: 'iaas', service: byPath('project/') };
const departments = { application: 'membership', service: byPath('department/') };

/** A Code node emitting `count` items. */
function makeItems(name: string, count: number): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));` },
	};
}

/** The error a failed run reports (n8n's own run data, not the tail of its log). */
async function runError(workflowId: string): Promise<{ message: string; description?: string }> {
	const stdout = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']).then(
		() => {
			throw new Error(`Workflow ${workflowId} succeeded but was expected to fail`);
		},
		(error: { stdout?: string }) => error.stdout ?? '',
	);
	return parseRun(stdout).raw.data.resultData.error;
}

/** The credential as n8n stored it (decrypted), to see the token it keeps. */
async function storedCredential(id: string): Promise<Record<string, any>> {
	const file = path.join(n8n.folder, `cred-${id}-${Date.now()}.json`);
	await n8n.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
	const [credential] = JSON.parse(readFileSync(file, 'utf8'));
	rmSync(file);
	return credential.data;
}

const seedProjects = (count: number) => fake.seed('iaas', 'project/', sampleProjects(count));

beforeAll(async () => {
	fake = await startCloudCixFake();
	n8n = await N8nInstance.create();
	await n8n.importCredentials([
		{ id: 'cixMain', name: 'cixMain', type: TYPE, data: credentialData(fake.user) },
	]);
});

afterAll(async () => {
	await n8n?.dispose();
	await fake?.close();
});

beforeEach(() => fake.reset());

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

describe('CloudCIX node in a real n8n', () => {
	it('Get All over 250 resources in 3 pages, one login; a second run reuses the stored token', async () => {
		seedProjects(250);
		await n8n.importWorkflow(
			workflow('e2eCixGetAll', [
				manualTrigger,
				cloudCix('All Projects', { operation: 'getAll', ...iaasProjects, returnAll: true }),
			]),
		);
		const run = await n8n.execute('e2eCixGetAll');
		const projects = run.output('All Projects');
		expect(projects).toHaveLength(250);
		expect(projects.map((item) => item.json.name)).toEqual(
			sampleProjects(250).map((project) => project.name),
		);
		expect(
			fake
				.serviceRequests()
				.map((r) => [r.method, r.path, r.params.get('page'), r.params.get('limit'), r.status]),
		).toEqual([
			['GET', 'project/', '0', '100', 200],
			['GET', 'project/', '1', '100', 200],
			['GET', 'project/', '2', '100', 200],
		]);
		expect(fake.logins()).toBe(1);

		const stored = await storedCredential('cixMain');
		expect(stored.token).toBe(fake.serviceRequests()[0].token);
		expect(Date.parse(stored.sessionRenewAfter)).toBeGreaterThan(Date.now() + 100 * 60_000);

		fake.requests.length = 0;
		const again = await n8n.execute('e2eCixGetAll');
		expect(again.output('All Projects')).toHaveLength(250);
		expect(fake.logins()).toBe(1);
		expect(fake.requests.every((r) => r.token === stored.token)).toBe(true);
	});

	it('create → partial update → read → delete, chained by expressions', async () => {
		await n8n.importWorkflow(
			workflow('e2eCixLifecycle', [
				manualTrigger,
				cloudCix('Create', {
					operation: 'create',
					...departments,
					jsonBody: '{ "name": "Sales" }',
				}),
				cloudCix('Rename', {
					operation: 'partialUpdate',
					...departments,
					id: '={{ $json.id }}',
					specifyBody: 'fields',
					bodyFields: {
						field: [{ name: 'name', type: 'string', value: '={{ $json.name }} & Marketing' }],
					},
				}),
				cloudCix('Read', { operation: 'read', ...departments, id: '={{ $json.id }}' }),
				cloudCix('Delete', { operation: 'delete', ...departments, id: '={{ $json.id }}' }),
			]),
		);
		const run = await n8n.execute('e2eCixLifecycle');
		const created = run.output('Create')[0].json;
		expect(created).toMatchObject({ name: 'Sales', id: expect.any(Number) });
		expect(run.output('Rename')[0].json).toMatchObject({
			id: created.id,
			name: 'Sales & Marketing',
		});
		expect(run.output('Read')[0].json).toMatchObject({ id: created.id, name: 'Sales & Marketing' });
		expect(run.output('Delete')[0].json).toEqual({ id: String(created.id), deleted: true });
		expect(fake.serviceRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST department/ 201',
			`PATCH department/${created.id}/ 200`,
			`GET department/${created.id}/ 200`,
			`DELETE department/${created.id}/ 204`,
		]);
		expect(fake.serviceRequests()[1].body).toEqual({ name: 'Sales & Marketing' });
		expect(fake.records('membership', 'department/')).toEqual([]);
	});

	it('a token that expires mid-run is renewed without failing: 401, one new login, the page sent again', async () => {
		seedProjects(250);
		fake.seed('membership', 'department/', [{ name: 'Only' }]);
		await n8n.importCredentials([
			{ id: 'cixExpiring', name: 'cixExpiring', type: TYPE, data: credentialData(fake.user) },
		]);
		await n8n.importWorkflow(
			workflow('e2eCixMidRun', [
				manualTrigger,
				makeItems('Five Items', 5),
				cloudCix(
					'Count Departments',
					{ operation: 'list', ...departments, limit: 1 },
					'cixExpiring',
				),
				cloudCix(
					'All Projects',
					{ operation: 'getAll', ...iaasProjects, returnAll: true },
					'cixExpiring',
					{ executeOnce: true },
				),
			]),
		);
		// the login's token dies after 6 requests: 5 lists, then page 0 of Get All; page 1 meets the 401
		fake.expireTokensAfter(6);
		const run = await n8n.execute('e2eCixMidRun');
		expect(run.output('All Projects')).toHaveLength(250);
		expect(fake.logins()).toBe(2);
		const requests = fake.serviceRequests();
		expect(requests.map((r) => `${r.path} ${r.params.get('page')} ${r.status}`)).toEqual([
			...Array.from({ length: 5 }, () => 'department/ 0 200'),
			'project/ 0 200',
			'project/ 1 401',
			'project/ 1 200',
			'project/ 2 200',
		]);
		expect(requests[6].token).toBe(requests[0].token);
		expect(requests[7].token).not.toBe(requests[0].token);
		expect((await storedCredential('cixExpiring')).token).toBe(requests[8].token);
	});

	it('a stored token about to run out is renewed before the first request: it is never sent', async () => {
		const data = credentialData(fake.user);
		const old = fake.issueToken(fake.user, 120); // two minutes left: inside the 5-minute margin
		await n8n.importCredentials([
			{
				id: 'cixDue',
				name: 'cixDue',
				type: TYPE,
				data: {
					...data,
					token: old,
					sessionOwner: sessionOwner(data),
					sessionRenewAfter: new Date(Date.now() - 60_000).toISOString(),
				},
			},
		]);
		fake.advanceClock(30); // the renewed token differs from the old one
		await n8n.importWorkflow(
			workflow('e2eCixDue', [
				manualTrigger,
				makeItems('Three Items', 3),
				cloudCix('List', { operation: 'list', ...departments }, 'cixDue'),
			]),
		);
		await n8n.execute('e2eCixDue');
		expect(fake.logins()).toBe(1);
		const tokens = fake.serviceRequests().map((r) => r.token);
		expect(tokens).toHaveLength(3);
		expect(tokens).not.toContain(old);
		expect(fake.serviceRequests().every((r) => r.status === 200)).toBe(true);
		expect((await storedCredential('cixDue')).token).toBe(tokens[0]);
	});

	it('filters: search/exclude rows encoded for CloudCIX; a skipped filter shows as a warning on the items and in the run', async () => {
		seedProjects(12);
		await n8n.importWorkflow(
			workflow('e2eCixFilters', [
				manualTrigger,
				cloudCix('Filtered', {
					operation: 'list',
					...iaasProjects,
					limit: 100,
					order: '-name',
					filters: {
						conditions: [
							{ mode: 'search', field: 'region_id', lookup: 'in', value: '1, 2' },
							{ mode: 'exclude', field: 'name', lookup: 'iendswith', value: '0' },
							{ mode: 'search', field: 'colour', lookup: 'exact', value: 'blue' },
						],
					},
				}),
			]),
		);
		const run = await n8n.execute('e2eCixFilters');
		const items = run.output('Filtered');
		expect(items.map((item) => item.json.name)).toEqual([
			'project-009',
			'project-008',
			'project-005',
			'project-004',
			'project-001',
		]);
		const warning =
			'SearchFilterWarning: colour is an invalid filter for this list method and was skipped.';
		for (const item of items) expect(item.json._warnings).toEqual([warning]);
		const hints = run.raw.data.resultData.runData.Filtered[0].hints;
		expect(hints).toEqual([
			expect.objectContaining({ message: `CloudCIX: ${warning}`, type: 'warning' }),
		]);
		const params = fake.serviceRequests()[0].params;
		expect(params.get('search[region_id__in]')).toBe('1,2');
		expect(params.get('exclude[name__iendswith]')).toBe('0');
		expect(params.get('search[colour]')).toBe('blue');
	});

	it('bad input fails with the parameter named, and nothing reaches CloudCIX, not even the login', async () => {
		await n8n.importCredentials([
			{ id: 'cixFresh', name: 'cixFresh', type: TYPE, data: credentialData(fake.user) },
		]);
		await n8n.importWorkflow(
			workflow('e2eCixBadLimit', [
				manualTrigger,
				cloudCix('Too Many', { operation: 'list', ...departments, limit: 150 }, 'cixFresh'),
			]),
		);
		const error = await runError('e2eCixBadLimit');
		expect(error.message).toBe('Invalid "Limit": 150 is above the maximum of 100');
		expect(error.description).toBe('Check the parameter "Limit"');
		expect(fake.requests).toEqual([]);
	});

	it('a refused login fails the run with CloudCIX code and message, once', async () => {
		await n8n.importCredentials([
			{
				id: 'cixWrong',
				name: 'cixWrong',
				type: TYPE,
				data: credentialData({ ...fake.user, password: 'not-the-password' }),
			},
		]);
		await n8n.importWorkflow(
			workflow('e2eCixRefused', [
				manualTrigger,
				makeItems('Items', 3),
				cloudCix('List', { operation: 'list', ...departments }, 'cixWrong'),
			]),
		);
		const error = await runError('e2eCixRefused');
		expect(error.message).toBe(
			'CloudCIX refused the login (membership_token_create_002): The sent email and password combination is invalid. Please check both and try again.',
		);
		expect(error.description).toBe('Check the E-mail and Password of the CloudCIX credential.');
		expect(JSON.stringify(error)).not.toContain('not-the-password');
		expect(fake.requests).toHaveLength(1);
		expect(fake.serviceRequests()).toEqual([]);
	});
});

describe("n8n's credential test (the editor's Test button), through n8n's REST API", () => {
	let rest: N8nRest;

	let expired: FakeUser;

	beforeAll(async () => {
		expired = fake.addUser({
			email: 'former@example.com',
			password: 'pw-former-user',
			memberApiKey: 'k-former',
			expired: true,
		});
		await n8n.importCredentials([
			{ id: 'cixTestGood', name: 'cixTestGood', type: TYPE, data: credentialData(fake.user) },
			{
				id: 'cixTestBadPassword',
				name: 'cixTestBadPassword',
				type: TYPE,
				data: credentialData({ ...fake.user, password: 'nope-nope' }),
			},
			{
				id: 'cixTestOtherMember',
				name: 'cixTestOtherMember',
				type: TYPE,
				data: credentialData({ ...fake.user, memberApiKey: 'someone-else' }),
			},
			{ id: 'cixTestExpired', name: 'cixTestExpired', type: TYPE, data: credentialData(expired) },
		]);
		const port = await freePort();
		await n8n.start(port);
		rest = await N8nRest.signIn(port);
	});

	afterAll(async () => {
		await n8n.stop();
	});

	const test = async (id: string, user: Omit<FakeUser, 'id'>) =>
		(
			await rest.post<{ status: string; message: string }>('/credentials/test', {
				credentials: { id, name: id, type: TYPE, data: credentialData(user) },
			})
		).data;

	it('right credentials: OK, after one login and one Membership read with its token', async () => {
		expect(await test('cixTestGood', fake.user)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(fake.logins()).toBe(1);
		const [read] = fake.serviceRequests();
		expect([
			read.method,
			read.application,
			read.path,
			read.params.get('limit'),
			read.status,
		]).toEqual(['GET', 'membership', 'country/', '1', 200]);
	});

	it('wrong password: CloudCIX code and message', async () => {
		const result = await test('cixTestBadPassword', { ...fake.user, password: 'nope-nope' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'CloudCIX refused the login (membership_token_create_002): The sent email and password combination is invalid.',
		);
	});

	it("a user not in the API key's member: CloudCIX code and message", async () => {
		const result = await test('cixTestOtherMember', { ...fake.user, memberApiKey: 'someone-else' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'(membership_token_create_003): The sent "api_key" is invalid.',
		);
	});

	it('an expired user: CloudCIX message "User is expired. Cannot log in."', async () => {
		const result = await test('cixTestExpired', expired);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('User is expired. Cannot log in.');
		expect(fake.requests.filter((r) => r.status === 403)).toHaveLength(1);
	});
});
