import {
	byEmail,
	byId,
	loadOptionsContext,
	methods,
	runNewsletter,
} from '../fakes/infomaniak-newsletter/nodeRunner';
import { startNewsletterFake, type NewsletterFake } from '../fakes/infomaniak-newsletter/server';

/** Every operation of the Infomaniak Newsletter node against the spec-checked fake. */

jest.setTimeout(60_000);

let fake: NewsletterFake;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const run = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runNewsletter(fake, { params, ...extra });

beforeAll(async () => {
	fake = await startNewsletterFake({ quota: null });
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => fake.reset());

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

function readersList(count: number) {
	const group = fake.addGroup('Readers');
	for (let i = 0; i < count; i++)
		fake.addSubscriber(`reader${i}@example.com`, {
			groups: [group],
			fields: { firstname: `R${i}` },
		});
	return group;
}

const recipientsOf = (group: number) => ({
	all: false,
	groups: { include: [group], exclude: [] },
	segments: { include: [], exclude: [] },
	emails: [],
});

describe('campaign', () => {
	it('creates a campaign from HTML and recipients, with tracking options; dates come out as ISO 8601', async () => {
		const group = readersList(2);
		const excluded = fake.addGroup('Staff');
		const segment = fake.addSegment('Swiss', (s) => s.email.endsWith('.ch'));
		const result = await run({
			resource: 'campaign',
			operation: 'create',
			subject: 'Spring news',
			senderEmail: 'news@news.example.com',
			senderName: 'Example News',
			language: 'fr_FR',
			contentSource: 'html',
			htmlContent: '<p>Hi <a href="https://example.com/a">a</a></p>',
			recipients: { groups: [String(group)], excludeGroups: [excluded], segments: [segment] },
			options: {
				preheader: 'All the news',
				trackLinks: false,
				utmSource: 'n8n',
				unsubscribeLink: true,
			},
		});
		const campaign = result.json[0];
		expect(campaign).toMatchObject({
			subject: 'Spring news',
			status: 'draft',
			lang: 'fr_FR',
			preheader: 'All the news',
			tracking_link: false,
			tracking_utm: { utm_source: 'n8n' },
			started_at: null,
			recipients: {
				groups: { include: [group], exclude: [excluded] },
				segments: { include: [segment], exclude: [] },
			},
		});
		expect(campaign.created_at).toMatch(ISO);
		const sent = fake.writes()[0].body;
		expect(sent).toEqual({
			subject: 'Spring news',
			email_from_addr: 'news@news.example.com',
			email_from_name: 'Example News',
			lang: 'fr_FR',
			content_html: '<p>Hi <a href="https://example.com/a">a</a></p>',
			preheader: 'All the news',
			tracking_link: false,
			unsub_link: true,
			tracking_utm: { utm_source: 'n8n' },
			recipients: {
				all_subscribers: false,
				groups: { include: [group], exclude: [excluded] },
				segments: { include: [segment], exclude: [] },
			},
		});
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
	});

	it('takes the HTML from a binary file', async () => {
		const exec = await run(
			{
				resource: 'campaign',
				operation: 'create',
				subject: 'From a file',
				senderEmail: 'news@news.example.com',
				senderName: 'News',
				language: 'en_GB',
				contentSource: 'binary',
				binaryPropertyName: 'page',
			},
			{
				items: [
					{
						json: {},
						binary: {
							page: {
								data: Buffer.from('\uFEFF<h1>Issue 12</h1>').toString('base64'),
								mimeType: 'text/html',
								fileName: 'issue.html',
							},
						},
					},
				],
			},
		);
		expect(exec.json[0].content).toBe('<h1>Issue 12</h1>');
	});

	it('gets, lists (status, search, dates, limit and Return All over pages), updates, duplicates and deletes', async () => {
		const group = readersList(1);
		const ids = Array.from({ length: 5 }, (_, i) =>
			fake.addCampaign({ subject: `Issue ${i}`, recipients: recipientsOf(group) }),
		);
		fake.store.campaign(ids[4])!.status = 'sent';

		expect(
			(await run({ resource: 'campaign', operation: 'get', campaignId: byId(ids[0]) })).json[0],
		).toMatchObject({
			id: ids[0],
			subject: 'Issue 0',
		});

		const drafts = await run({
			resource: 'campaign',
			operation: 'list',
			returnAll: true,
			filters: { status: ['draft'], search: 'issue', dateFrom: '2000-01-01T00:00:00' },
		});
		expect(drafts.json.map((c) => c.id)).toEqual(ids.slice(0, 4));
		expect(fake.requests.at(-1)!.query).toContain('filter[status][0]=draft');
		expect(fake.requests.at(-1)!.query).toContain('date_from=946681200');

		fake.requests.length = 0;
		const two = await run({ resource: 'campaign', operation: 'list', returnAll: false, limit: 2 });
		expect(two.json).toHaveLength(2);
		expect(fake.requests[0].query).toBe('page=1&per_page=2');

		for (let i = 0; i < 1100; i++) fake.addCampaign({ subject: `Bulk ${i}` });
		fake.requests.length = 0;
		const all = await run({ resource: 'campaign', operation: 'list', returnAll: true });
		expect(all.json).toHaveLength(1105);
		expect(fake.requests.map((r) => r.query)).toEqual([
			'page=1&per_page=1000',
			'page=2&per_page=1000',
		]);

		const updated = await run({
			resource: 'campaign',
			operation: 'update',
			campaignId: byId(ids[1]),
			updateFields: { subject: 'Issue 1 (fixed)', htmlContent: '<p>new</p>', trackOpens: false },
		});
		expect(updated.json[0]).toMatchObject({
			subject: 'Issue 1 (fixed)',
			content: '<p>new</p>',
			tracking_opening: false,
		});

		const copy = await run({
			resource: 'campaign',
			operation: 'duplicate',
			campaignId: byId(ids[1]),
		});
		expect(copy.json[0]).toMatchObject({
			subject: 'Issue 1 (fixed)',
			status: 'draft',
			duplicatedFrom: ids[1],
		});
		expect(copy.json[0].id).not.toBe(ids[1]);

		const deleted = await run({
			resource: 'campaign',
			operation: 'delete',
			campaignId: byId(ids[2]),
		});
		expect(deleted.json[0]).toEqual({ id: ids[2], deleted: true });
		expect(fake.store.campaign(ids[2])).toBeUndefined();
	});

	it('sends a test, schedules in the workflow time zone, cancels, and sends now', async () => {
		const group = readersList(4);
		const id = fake.addCampaign({ recipients: recipientsOf(group) });
		const test = await run({
			resource: 'campaign',
			operation: 'sendTest',
			campaignId: byId(id),
			email: 'proof@example.com',
		});
		expect(test.json[0]).toEqual({ campaignId: id, testSentTo: 'proof@example.com', sent: true });
		expect(fake.store.campaign(id)!.tests).toEqual(['proof@example.com']);

		const year = new Date().getUTCFullYear() + 1;
		const scheduled = await run(
			{
				resource: 'campaign',
				operation: 'schedule',
				campaignId: byId(id),
				sendAt: `${year}-07-01T09:30:00`,
			},
			{ timeZone: 'America/New_York' },
		);
		// 09:30 in New York in July (EDT, UTC-4) is 13:30 UTC
		expect(scheduled.json[0]).toEqual({
			campaignId: id,
			scheduled: true,
			sendAt: `${year}-07-01T13:30:00.000Z`,
			timeZone: 'America/New_York',
		});
		expect(fake.writes().at(-1)!.body).toEqual({ started_at: Date.UTC(year, 6, 1, 13, 30) / 1000 });
		expect(fake.store.campaign(id)).toMatchObject({
			status: 'scheduled',
			started_at: Date.UTC(year, 6, 1, 13, 30) / 1000,
		});

		const canceled = await run({
			resource: 'campaign',
			operation: 'cancelSchedule',
			campaignId: byId(id),
		});
		expect(canceled.json[0]).toEqual({ campaignId: id, canceled: true });
		expect(fake.store.campaign(id)!.status).toBe('draft');

		const now = await run({ resource: 'campaign', operation: 'sendNow', campaignId: byId(id) });
		expect(now.json[0]).toEqual({ campaignId: id, sending: true });
		expect(fake.store.campaign(id)!.sentTo).toHaveLength(4);
	});

	it('reads statistics: figures, links, recipient activity (Return All / Limit) and tracking events by action', async () => {
		const group = readersList(6);
		const id = fake.addCampaign({ recipients: recipientsOf(group) });
		await run({ resource: 'campaign', operation: 'sendNow', campaignId: byId(id) });

		const summary = await run({
			resource: 'campaign',
			operation: 'getStatistics',
			campaignId: byId(id),
			report: 'summary',
		});
		expect(summary.json[0]).toMatchObject({
			campaignId: id,
			status: 'sent',
			statistics: {
				sent_count: 6,
				delivery_count: 6,
				open_count: 3,
				click_count: 2,
				open_rate: 50,
			},
		});
		expect(summary.json[0].started_at).toMatch(ISO);

		const links = await run({
			resource: 'campaign',
			operation: 'getStatistics',
			campaignId: byId(id),
			report: 'links',
		});
		expect(links.json).toEqual([
			{ campaignId: id, url: 'https://example.com/read', click_count: 2, unique_click_count: 2 },
		]);

		const opened = await run({
			resource: 'campaign',
			operation: 'getStatistics',
			campaignId: byId(id),
			report: 'activity',
			returnAll: true,
			filters: { action: 'open' },
		});
		expect(opened.json.map((row) => row.email)).toEqual([
			'reader0@example.com',
			'reader2@example.com',
			'reader4@example.com',
		]);
		expect(opened.json[0].last_event_at).toMatch(ISO);
		const firstTwo = await run({
			resource: 'campaign',
			operation: 'getStatistics',
			campaignId: byId(id),
			report: 'activity',
			returnAll: false,
			limit: 2,
		});
		expect(firstTwo.json).toHaveLength(2);

		const clicks = await run({
			resource: 'campaign',
			operation: 'getStatistics',
			campaignId: byId(id),
			report: 'tracking',
			action: 'click',
			returnAll: true,
		});
		expect(clicks.json.map((event) => [event.action, event.email])).toEqual([
			['click', 'reader0@example.com'],
			['click', 'reader3@example.com'],
		]);
		expect(clicks.json[0].created_at).toMatch(ISO);
	});
});

describe('mailing list', () => {
	it('creates, gets, lists (search), renames, lists its subscribers and deletes', async () => {
		const created = await run({
			resource: 'mailingList',
			operation: 'create',
			name: 'Spring event',
		});
		const id = created.json[0].id as number;
		expect(created.json[0]).toMatchObject({ name: 'Spring event', subscribed_count: '0' });
		expect(created.json[0].updated_at).toMatch(ISO);
		fake.addGroup('Other');
		for (let i = 0; i < 3; i++) fake.addSubscriber(`m${i}@example.com`, { groups: [id] });

		expect(
			(await run({ resource: 'mailingList', operation: 'get', groupId: byId(id) })).json[0],
		).toMatchObject({
			id,
			subscribed_count: '3',
		});
		const found = await run({
			resource: 'mailingList',
			operation: 'list',
			returnAll: true,
			filters: { search: 'spring' },
		});
		expect(found.json.map((g) => g.name)).toEqual(['Spring event']);
		const renamed = await run({
			resource: 'mailingList',
			operation: 'update',
			groupId: byId(id),
			name: 'Summer event',
		});
		expect(renamed.json[0].name).toBe('Summer event');
		const members = await run({
			resource: 'mailingList',
			operation: 'getSubscribers',
			groupId: byId(id),
			returnAll: false,
			limit: 2,
		});
		expect(members.json.map((s) => s.email)).toEqual(['m0@example.com', 'm1@example.com']);
		expect(
			(await run({ resource: 'mailingList', operation: 'delete', groupId: byId(id) })).json[0],
		).toEqual({
			id,
			deleted: true,
		});
		expect(fake.store.group(id)).toBeUndefined();
	});

	it('adds and removes subscribers given by ID or e-mail address', async () => {
		const group = fake.addGroup('Club');
		const ada = fake.addSubscriber('ada@example.com');
		fake.addSubscriber('bob@example.com', { status: 'unsubscribed' });
		const added = await run({
			resource: 'mailingList',
			operation: 'addSubscribers',
			groupId: byId(group),
			subscribers: `${ada}, BOB@example.com`,
		});
		const bob = fake.store.subscriberByEmail('bob@example.com')!.id;
		expect(added.json[0]).toMatchObject({ groupId: group, added: [ada, bob] });
		expect(added.json[0].subscribers).toHaveLength(2);
		expect(fake.writes().map((w) => w.body)).toEqual([{ subscriber_ids: [ada, bob] }]);
		const removed = await run({
			resource: 'mailingList',
			operation: 'removeSubscribers',
			groupId: byId(group),
			subscribers: ['ada@example.com'],
		});
		expect(removed.json[0]).toMatchObject({ removed: [ada] });
		expect([...fake.store.subscriber(ada)!.groups]).toEqual([]);
		expect([...fake.store.subscriber(bob)!.groups]).toEqual([group]);
	});

	it('imports subscribers from items: one upsert each, paired with its item', async () => {
		const group = fake.addGroup('Sign-ups');
		fake.addSubscriber('known@example.com', { fields: { lastname: 'Known' } });
		const items = [
			{ json: { email: 'new@example.com', name: 'Nia' } },
			{ json: { email: 'known@example.com', name: 'Kim' } },
		];
		const result = await runNewsletter(fake, {
			items,
			params: (i) => ({
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(group),
				source: 'items',
				email: items[i].json.email,
				fields: { entry: [{ name: 'firstname', value: items[i].json.name }] },
			}),
		});
		expect(result.json.map((s) => [s.email, s.groupId, s.source])).toEqual([
			['new@example.com', group, 'api'],
			['known@example.com', group, 'manual'],
		]);
		expect(result.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const known = fake.store.subscriberByEmail('known@example.com')!;
		expect(Object.fromEntries(known.fields)).toEqual({ lastname: 'Known', firstname: 'Kim' });
		expect(fake.writes().map((w) => w.path.endsWith('/subscribers'))).toEqual([true, true]);
	});

	it('imports a CSV file in two steps (upload, import) and returns the task, waiting for it when asked', async () => {
		const group = fake.addGroup('Imported');
		const csv =
			'E-Mail;firstname;Company\nlea@example.com;Léa;"Acme; Inc"\nmax@example.com;Max;Initech\n';
		const file = {
			data: Buffer.from(csv).toString('base64'),
			mimeType: 'text/csv',
			fileName: 'people.csv',
		};
		const result = await run(
			{
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(group),
				source: 'csv',
				binaryPropertyName: 'data',
				csvOptions: { separator: ';' },
				waitForCompletion: true,
				waitTimeout: 30,
			},
			{ items: [{ json: {}, binary: { data: file } }] },
		);
		const answer = result.json[0];
		expect(answer).toMatchObject({
			groupId: group,
			rows: 2,
			columns: ['E-Mail', 'firstname', 'Company'],
		});
		expect(answer.task).toMatchObject({
			status: 'executed',
			response: { imported: 2, created: 2, updated: 0, skipped: 0 },
		});
		expect(answer.task.finished_at).toMatch(ISO);
		expect(fake.writes().map((w) => w.path.split('/').slice(4).join('/'))).toEqual([
			'subscribers/import/upload',
			'subscribers/import',
		]);
		expect(fake.writes()[1].body).toEqual({
			upload_id: answer.uploadId,
			fields: [
				{ type: 'email', name: 'email' },
				{ type: 'text', name: 'firstname' },
				{ type: 'text', name: 'Company' },
			],
			groups: [group],
			csv_separator: ';',
			csv_enclosure: '"',
			replace_fields: true,
		});
		const lea = fake.store.subscriberByEmail('lea@example.com')!;
		expect(Object.fromEntries(lea.fields)).toEqual({ firstname: 'Léa', company: 'Acme; Inc' });
		expect([...lea.groups]).toEqual([group]);

		// without waiting: the task as Infomaniak reports it right after the import
		const again = await run(
			{
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(group),
				source: 'csv',
				csvOptions: { separator: ';' },
			},
			{ items: [{ json: {}, binary: { data: file } }] },
		);
		expect(again.json[0].task).toMatchObject({ status: 'running', finished_at: null });
	});
});

describe('subscriber', () => {
	it('creates or updates by e-mail with fields, groups and status', async () => {
		const group = fake.addGroup('News');
		const first = await run({
			resource: 'subscriber',
			operation: 'upsert',
			email: 'zoe@example.com',
			groups: [group],
			fields: { entry: [{ name: 'firstname', value: 'Zoé' }] },
			status: '',
		});
		expect(first.json[0]).toMatchObject({
			email: 'zoe@example.com',
			status: 'active',
			source: 'api',
		});
		expect(first.json[0].created_at).toMatch(ISO);
		const second = await run({
			resource: 'subscriber',
			operation: 'upsert',
			email: 'zoe@example.com',
			fields: { entry: [{ name: 'lastname', value: 'Zed' }] },
			status: 'unsubscribed',
		});
		expect(second.json[0].id).toBe(first.json[0].id);
		expect(second.json[0].status).toBe('unsubscribed');
		expect(fake.writes().map((w) => w.body)).toEqual([
			{ email: 'zoe@example.com', fields: { firstname: 'Zoé' }, groups: [group] },
			{ email: 'zoe@example.com', fields: { lastname: 'Zed' }, status: 'unsubscribed' },
		]);
	});

	it('gets by ID or e-mail (with its groups), lists with filters, updates, unsubscribes, resubscribes', async () => {
		const group = fake.addGroup('G');
		const id = fake.addSubscriber('sam@example.com', {
			groups: [group],
			fields: { firstname: 'Sam' },
		});
		fake.addSubscriber('other@example.com');
		fake.addSubscriber('gone@example.com', { status: 'unsubscribed' });
		const segment = fake.addSegment('Sams', (s) => s.email.startsWith('sam'));

		const byMail = await run({
			resource: 'subscriber',
			operation: 'get',
			subscriberId: byEmail('Sam@Example.com'),
		});
		expect(byMail.json[0]).toMatchObject({
			id,
			email: 'sam@example.com',
			groups: [{ id: group, name: 'G' }],
		});
		expect(byMail.json[0].groups[0].updated_at).toMatch(ISO);
		expect(
			(await run({ resource: 'subscriber', operation: 'get', subscriberId: byId(id) })).json[0].id,
		).toBe(id);

		const active = await run({
			resource: 'subscriber',
			operation: 'list',
			returnAll: true,
			filters: { status: 'active' },
		});
		expect(active.json.map((s) => s.email)).toEqual(['sam@example.com', 'other@example.com']);
		const inGroup = await run({
			resource: 'subscriber',
			operation: 'list',
			returnAll: true,
			filters: { groups: [group] },
		});
		expect(inGroup.json.map((s) => s.email)).toEqual(['sam@example.com']);
		const inSegment = await run({
			resource: 'subscriber',
			operation: 'list',
			returnAll: true,
			filters: { segment },
		});
		expect(inSegment.json.map((s) => s.email)).toEqual(['sam@example.com']);
		expect(fake.requests.at(-1)).toMatchObject({
			method: 'POST',
			path: expect.stringMatching(/\/subscribers\/filter$/),
		});
		const searched = await run({
			resource: 'subscriber',
			operation: 'list',
			returnAll: false,
			limit: 1,
			filters: { search: 'other' },
		});
		expect(searched.json.map((s) => s.email)).toEqual(['other@example.com']);

		const updated = await run({
			resource: 'subscriber',
			operation: 'update',
			subscriberId: byId(id),
			updateFields: { fields: { entry: [{ name: 'lastname', value: 'Smith' }] } },
		});
		expect(updated.json[0].fields).toEqual([
			{ id: expect.any(Number), key: 'lastname', name: 'Last name', value: 'Smith' },
		]);

		const out = await run({
			resource: 'subscriber',
			operation: 'unsubscribe',
			subscriberId: byEmail('sam@example.com'),
		});
		expect(out.json[0].status).toBe('unsubscribed');
		const back = await run({
			resource: 'subscriber',
			operation: 'resubscribe',
			subscriberId: byId(id),
		});
		expect(back.json[0].status).toBe('active');
		expect(
			fake
				.writes()
				.slice(-2)
				.map((w) => w.body),
		).toEqual([{ status: 'unsubscribed' }, { status: 'active' }]);
	});

	it('deletes (data kept) and forgets (erased) only when confirmed', async () => {
		const id = fake.addSubscriber('del@example.com');
		const forgetMe = fake.addSubscriber('forget@example.com');
		expect(
			(await run({ resource: 'subscriber', operation: 'delete', subscriberId: byId(id) })).json[0],
		).toEqual({
			id,
			deleted: true,
		});
		expect(fake.store.subscribers.find((s) => s.id === id)!.deleted).toBe(true);
		const forgotten = await run({
			resource: 'subscriber',
			operation: 'forget',
			subscriberId: byEmail('forget@example.com'),
			confirmForget: true,
		});
		expect(forgotten.json[0]).toEqual({ id: forgetMe, forgotten: true });
		expect(fake.store.subscribers.some((s) => s.id === forgetMe)).toBe(false);
		expect(fake.store.forgotten).toEqual(['forget@example.com']);
	});
});

describe('utility', () => {
	it('reads the credit balance and the credit movements', async () => {
		const group = readersList(3);
		const id = fake.addCampaign({ recipients: recipientsOf(group) });
		await run({ resource: 'campaign', operation: 'sendNow', campaignId: byId(id) });
		const balance = await run({ resource: 'utility', operation: 'getCredits' });
		expect(balance.json[0]).toEqual({ balance: 9_997, total: 9_997, used: 3 });
		const movements = await run({
			resource: 'utility',
			operation: 'getCreditMovements',
			returnAll: true,
		});
		expect(movements.json.map((m) => [m.quantity, m.type])).toEqual([
			[-3, 'campaign'],
			[10_000, 'purchase'],
		]);
		expect(movements.json[0].created_at).toMatch(ISO);
	});

	it("reads a task's status, and waits until it has finished", async () => {
		const uuid = fake.tasks.start(() => ({ done: 1 })).uuid;
		const first = await run({ resource: 'utility', operation: 'getTask', taskId: uuid });
		expect(first.json[0]).toMatchObject({ uuid, status: 'running', executed_at: null });
		expect(first.json[0].created_at).toMatch(ISO);
		const other = fake.tasks.start(() => ({ done: 2 }));
		other.readsToFinish = 4;
		const waited = await run({
			resource: 'utility',
			operation: 'getTask',
			taskId: other.uuid,
			waitForCompletion: true,
			waitTimeout: 30,
		});
		expect(waited.json[0]).toMatchObject({ status: 'executed', response: { done: 2 } });
		expect(fake.requests.filter((r) => r.path.endsWith(other.uuid))).toHaveLength(4);
	});
});

describe('pickers', () => {
	it('searches campaigns and mailing lists page by page, and lists groups and segments', async () => {
		for (let i = 0; i < 60; i++) fake.addGroup(`List ${String(i).padStart(2, '0')}`);
		fake.addCampaign({ subject: 'Alpha' });
		fake.addCampaign({ subject: 'Beta', status: 'sent' });
		fake.addSegment('Zurich', () => true);
		const { ctx } = loadOptionsContext(fake);

		const first = await methods.listSearch.searchGroups.call(ctx, 'list');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await methods.listSearch.searchGroups.call(
			ctx,
			'list',
			first.paginationToken as string,
		);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();

		const campaigns = await methods.listSearch.searchCampaigns.call(ctx, 'bet');
		expect(campaigns.results).toEqual([
			{ name: expect.stringMatching(/^Beta \(sent, \d+\)$/), value: expect.any(String) },
		]);

		const groups = await methods.loadOptions.getGroups.call(ctx);
		expect(groups).toHaveLength(60);
		expect(groups[0]).toEqual({ name: 'List 00', value: expect.any(Number) });
		expect(await methods.loadOptions.getSegments.call(ctx)).toEqual([
			{ name: 'Zurich', value: expect.any(Number) },
		]);
	});
});
