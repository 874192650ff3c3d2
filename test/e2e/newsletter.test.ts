import {
	INFOMANIAK_QUOTA,
	startNewsletterFake,
	type NewsletterFake,
} from '../fakes/infomaniak-newsletter/server';
import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { PACK, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';

/**
 * The Infomaniak Newsletter node inside a real n8n, against the spec-checked fake running in this
 * jest process with Infomaniak's quota (60 requests per minute, 429 with Retry-After beyond it).
 */

jest.setTimeout(40 * 60_000);

const CREDENTIAL = {
	cloudPackInfomaniakNewsletterApi: { id: 'infomaniakFake01', name: 'Infomaniak fake' },
};
const id = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: NewsletterFake;
let n8n: N8nInstance;

function newsletter(
	name: string,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name,
		type: `${PACK}.infomaniakNewsletter`,
		parameters,
		credentials: CREDENTIAL,
		...extra,
	};
}

function code(name: string, jsCode: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } };
}

/**
 * The 1,000-upsert run uses an account whose quota is ten times Infomaniak's default (the
 * credential's "Requests per Minute"), so it takes under 2 minutes instead of 17; the pacing and
 * the fake's sliding window are the same code at either rate, and the 60-a-minute figures are
 * measured by the other tests of this file, the integration tests and the unit tests of the limiter.
 */
const RAISED_QUOTA = { requests: 600, windowMs: 60_000 };

beforeAll(async () => {
	fake = await startNewsletterFake();
	n8n = await N8nInstance.create();
	await n8n.importCredentials([
		{
			id: 'infomaniakFake01',
			name: 'Infomaniak fake',
			type: 'cloudPackInfomaniakNewsletterApi',
			data: { apiToken: fake.token, domainId: String(fake.domainId), baseUrl: fake.url },
		},
		{
			id: 'infomaniakFake10',
			name: 'Infomaniak fake, 600 a minute',
			type: 'cloudPackInfomaniakNewsletterApi',
			data: {
				apiToken: fake.token,
				domainId: String(fake.domainId),
				baseUrl: fake.url,
				requestsPerMinute: RAISED_QUOTA.requests,
			},
		},
	]);
});

afterAll(async () => {
	await n8n?.dispose();
	await fake?.close();
});

beforeEach(() => {
	fake.reset();
	fake.setQuota(INFOMANIAK_QUOTA);
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

describe('Infomaniak Newsletter node in a real n8n', () => {
	it('a Webhook receives sign-ups {email, name} over HTTP and upserts each subscriber into a group', async () => {
		const group = fake.addGroup('Website sign-ups');
		fake.addSubscriber('returning@example.com', { fields: { lastname: 'Back' } });
		await n8n.importWorkflow(
			workflow('e2eNewsletterSignup', [
				{
					name: 'Sign-up',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: '3b0c7e55-8a1f-4d6e-9c2a-5f4e1d7b8a90',
					parameters: {
						httpMethod: 'POST',
						path: 'newsletter-signup',
						responseMode: 'lastNode',
						options: {},
					},
				},
				newsletter('Subscribe', {
					resource: 'subscriber',
					operation: 'upsert',
					email: '={{ $json.body.email }}',
					groups: [group],
					fields: { entry: [{ name: 'firstname', value: '={{ $json.body.name }}' }] },
				}),
			]),
		);
		await n8n.publish('e2eNewsletterSignup');
		const port = await freePort();
		await n8n.start(port);
		const answers: Array<Record<string, any>> = [];
		try {
			for (const signUp of [
				{ email: 'ada@example.com', name: 'Ada' },
				{ email: 'returning@example.com', name: 'Rita' },
			]) {
				const call = () =>
					fetch(`http://127.0.0.1:${port}/webhook/newsletter-signup`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(signUp),
					});
				// n8n answers /healthz before it has registered the published webhooks
				let response = await call();
				for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
					await sleep(500);
					response = await call();
				}
				const text = await response.text();
				expect([response.status, text.slice(0, 300)]).toEqual([200, expect.any(String)]);
				answers.push(JSON.parse(text));
			}
		} finally {
			await n8n.stop();
		}
		expect(answers.map((answer) => [answer.email, answer.status])).toEqual([
			['ada@example.com', 'active'],
			['returning@example.com', 'active'],
		]);
		expect(answers[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const ada = fake.store.subscriberByEmail('ada@example.com')!;
		const rita = fake.store.subscriberByEmail('returning@example.com')!;
		expect([...ada.groups, ...rita.groups]).toEqual([group, group]);
		expect(Object.fromEntries(ada.fields)).toEqual({ firstname: 'Ada' });
		expect(Object.fromEntries(rita.fields)).toEqual({ lastname: 'Back', firstname: 'Rita' });
		expect(fake.writes().map((w) => w.body)).toEqual([
			{ email: 'ada@example.com', fields: { firstname: 'Ada' }, groups: [group] },
			{ email: 'returning@example.com', fields: { firstname: 'Rita' }, groups: [group] },
		]);
	});

	it('creates a campaign for the group, sends a test, schedules it (workflow time zone) and reads its statistics', async () => {
		const group = fake.addGroup('Readers');
		for (let i = 0; i < 3; i++) fake.addSubscriber(`reader${i}@example.com`, { groups: [group] });
		const flow = workflow('e2eNewsletterCampaign', [
			manualTrigger,
			newsletter('Create Campaign', {
				resource: 'campaign',
				operation: 'create',
				subject: 'Our autumn news',
				senderEmail: 'news@news.example.com',
				senderName: 'Example News',
				language: 'de_DE',
				contentSource: 'html',
				htmlContent: '<h1>Autumn</h1><a href="https://example.com/autumn">Read</a>',
				recipients: { groups: [group] },
				options: { utmSource: 'n8n' },
			}),
			newsletter('Send Test', {
				resource: 'campaign',
				operation: 'sendTest',
				campaignId: id('={{ $json.id }}'),
				email: 'proofreader@example.com',
			}),
			newsletter('Schedule', {
				resource: 'campaign',
				operation: 'schedule',
				campaignId: id('={{ $json.campaignId }}'),
				sendAt:
					'={{ $now.plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd\'T\'HH:mm:ss") }}',
			}),
			newsletter('Statistics', {
				resource: 'campaign',
				operation: 'getStatistics',
				campaignId: id('={{ $json.campaignId }}'),
				report: 'summary',
			}),
		]);
		await n8n.importWorkflow({
			...flow,
			settings: { ...flow.settings, timezone: 'Europe/Zurich' },
		});
		const run = await n8n.execute('e2eNewsletterCampaign');

		const campaign = run.output('Create Campaign')[0].json;
		expect(campaign).toMatchObject({ subject: 'Our autumn news', status: 'draft', lang: 'de_DE' });
		expect(run.output('Send Test')[0].json).toEqual({
			campaignId: campaign.id,
			testSentTo: 'proofreader@example.com',
			sent: true,
		});
		const scheduled = run.output('Schedule')[0].json;
		expect(scheduled).toMatchObject({
			campaignId: campaign.id,
			scheduled: true,
			timeZone: 'Europe/Zurich',
		});
		// 09:00 tomorrow on a Zurich wall clock, whatever the offset that day
		const zurich = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/Zurich',
			hour: '2-digit',
			minute: '2-digit',
		}).format(new Date(scheduled.sendAt));
		expect(zurich).toBe('09:00');
		expect(new Date(scheduled.sendAt).getTime() - Date.now()).toBeGreaterThan(0);
		expect(new Date(scheduled.sendAt).getTime() - Date.now()).toBeLessThan(2 * 86_400_000);
		const stored = fake.store.campaign(campaign.id)!;
		expect(stored).toMatchObject({ status: 'scheduled', tests: ['proofreader@example.com'] });
		expect(stored.started_at! * 1000).toBe(new Date(scheduled.sendAt).getTime());
		expect(stored.recipients.groups.include).toEqual([group]);

		const statistics = run.output('Statistics')[0].json;
		expect(statistics).toMatchObject({
			campaignId: campaign.id,
			status: 'scheduled',
			started_at: scheduled.sendAt,
			statistics: { sent_count: 0, open_count: 0, click_count: 0 },
		});
		expect(fake.rateLimited()).toBe(0);
	});

	it('imports a CSV file from a binary in two steps and waits for the task', async () => {
		const group = fake.addGroup('Imported');
		const csv = 'email,firstname\\nleo@example.com,Leo\\nmia@example.com,Mia\\n';
		await n8n.importWorkflow(
			workflow('e2eNewsletterCsv', [
				manualTrigger,
				code(
					'Make CSV',
					`return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('${csv}'), 'people.csv', 'text/csv') } }];`,
				),
				newsletter('Import', {
					resource: 'mailingList',
					operation: 'importSubscribers',
					groupId: id(group),
					source: 'csv',
					binaryPropertyName: 'data',
					waitForCompletion: true,
				}),
				newsletter('Get Mia', {
					resource: 'subscriber',
					operation: 'get',
					subscriberId: { __rl: true, mode: 'email', value: 'MIA@example.com' },
				}),
			]),
		);
		const run = await n8n.execute('e2eNewsletterCsv');
		const imported = run.output('Import')[0].json;
		expect(imported).toMatchObject({
			groupId: group,
			rows: 2,
			task: { status: 'executed', response: { created: 2 } },
		});
		// found by e-mail, read with its groups (`with=groups` on a body-less GET)
		expect(run.output('Get Mia')[0].json).toMatchObject({
			email: 'mia@example.com',
			source: 'import',
			groups: [{ id: group, name: 'Imported' }],
		});
		expect(fake.requests.at(-1)!.query).toBe('with=groups');
		expect(
			fake.store.members.map((s) => [s.email, s.fields.get('firstname'), [...s.groups]]),
		).toEqual([
			['leo@example.com', 'Leo', [group]],
			['mia@example.com', 'Mia', [group]],
		]);
	});

	it.each([
		[
			'a schedule date in the past',
			{
				resource: 'campaign',
				operation: 'schedule',
				campaignId: id(1),
				sendAt: '2021-03-01T10:00:00',
			},
			/Invalid "Send At": 2021-03-01T\d\d:00:00.000Z is in the past/,
		],
		[
			'an unknown group id',
			{ resource: 'subscriber', operation: 'upsert', email: 'x@example.com', groups: [987654] },
			/Invalid "Mailing List Names or IDs": no mailing list has the ID 987654/,
		],
		[
			'a malformed e-mail address',
			{ resource: 'subscriber', operation: 'upsert', email: 'x@@example' },
			/Invalid "Email": "x@@example" is not a valid e-mail address/,
		],
	])(
		'stops with a clear error and writes nothing on bad input: %s',
		async (label, parameters, message) => {
			const workflowId = `e2eNewsletterBad${label
				.split(' ')
				.map((word) => word[0])
				.join('')}`;
			await n8n.importWorkflow(
				workflow(workflowId, [manualTrigger, newsletter('Newsletter', parameters)]),
			);
			const failure = await n8n.executeExpectingFailure(workflowId);
			expect(failure).toMatch(message);
			expect(failure).not.toContain(fake.token);
			expect(fake.writes()).toEqual([]);
		},
	);

	it('1,000 subscriber upserts finish with 0 errors and not one 429 answered to the node', async () => {
		fake.setQuota(RAISED_QUOTA);
		const group = fake.addGroup('Thousand');
		await n8n.importWorkflow(
			workflow('e2eNewsletterThousand', [
				manualTrigger,
				code(
					'Make Sign-ups',
					'return Array.from({ length: 1000 }, (_, i) => ({ json: { email: `user${i}@example.com`, name: `User ${i}` } }));',
				),
				newsletter(
					'Upsert',
					{
						resource: 'subscriber',
						operation: 'upsert',
						email: '={{ $json.email }}',
						groups: [group],
						fields: { entry: [{ name: 'firstname', value: '={{ $json.name }}' }] },
					},
					{
						credentials: {
							cloudPackInfomaniakNewsletterApi: {
								id: 'infomaniakFake10',
								name: 'Infomaniak fake, 600 a minute',
							},
						},
					},
				),
			]),
		);
		const started = Date.now();
		const run = await n8n.execute('e2eNewsletterThousand', {}, 35 * 60_000);
		const upsertMs = run.raw.data.resultData.runData.Upsert[0].executionTime as number;
		console.log(
			`[newsletter e2e] 1,000 upserts under ${RAISED_QUOTA.requests} requests/minute: workflow ${Date.now() - started} ms, node ${upsertMs} ms, ${fake.requests.length} requests, ${fake.rateLimited()} answered 429`,
		);

		const output = run.output('Upsert');
		expect(output).toHaveLength(1000);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output.map((item) => item.json.email)).toEqual(
			Array.from({ length: 1000 }, (_, i) => `user${i}@example.com`),
		);
		expect(fake.rateLimited()).toBe(0);
		expect(fake.requests.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
		expect(fake.requests).toHaveLength(1001);
		expect(fake.store.members).toHaveLength(1000);
		expect(fake.store.members.every((s) => s.groups.has(group))).toBe(true);
		// a minute holds at most 600 requests (a burst of 5, then 595 a minute): paced, not rushed
		expect(upsertMs).toBeGreaterThan(((1001 - 5) / 595) * 60_000 - 1000);
	});
});
