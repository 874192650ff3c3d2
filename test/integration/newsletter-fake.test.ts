import { callFake } from '../fakes/infomaniak-newsletter/client';
import {
	startNewsletterFake,
	UNSCOPED_TOKEN,
	type NewsletterFake,
} from '../fakes/infomaniak-newsletter/server';
import { NEWSLETTER_SPEC_PATCHES } from '../fakes/infomaniak-newsletter/specPatches';
import {
	loadNewsletterSpec,
	NewsletterSpecValidator,
	newsletterSpecValidator,
} from '../fakes/infomaniak-newsletter/specValidator';

/**
 * The Newsletter fake itself: every exchange checked against Infomaniak's OpenAPI document, the
 * document's patches still needed, the 60-per-minute quota, asynchronous tasks, and state.
 */

let fake: NewsletterFake;
const api = (method: string, path: string, call?: Parameters<typeof callFake>[3]) =>
	callFake(fake, method, path, call);

beforeAll(async () => {
	fake = await startNewsletterFake({ quota: null });
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => {
	fake.reset();
	fake.setQuota(null);
	fake.setRetryAfter(true);
});

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

describe('the OpenAPI document and its patches', () => {
	const raw = new NewsletterSpecValidator(loadNewsletterSpec({ patched: false }));
	const patched = newsletterSpecValidator();
	const NEWSLETTERS = '/1/newsletters/4242';

	it('lists each patch with a reason', () => {
		expect(NEWSLETTER_SPEC_PATCHES.map((patch) => patch.id)).toEqual([
			'filter-deep-object',
			'error-answers',
			'campaign-object-members',
			'subscriber-fields-and-groups',
			'import-fields-and-groups',
			'upload-answer',
			'credit-details-object',
			'pending-task-timestamps',
		]);
		for (const patch of NEWSLETTER_SPEC_PATCHES) expect(patch.reason.length).toBeGreaterThan(80);
	});

	it('filter-deep-object: unpatched, a bracket filter is an undeclared parameter', () => {
		const request = {
			method: 'GET',
			path: `${NEWSLETTERS}/subscribers`,
			query: 'filter[status]=all&filter[groups][0]=5&page=1&per_page=50',
		};
		expect(raw.validateRequest(request).join()).toMatch(
			/query parameter "filter\[status\]" is not declared/,
		);
		expect(patched.validateRequest(request)).toEqual([]);
		// the patched document still checks the filter's values
		expect(
			patched
				.validateRequest({ ...request, query: 'filter[status]=everyone&filter[groups][0]=x' })
				.join(),
		).toMatch(
			/query parameter "filter": \/groups\/0 must be integer; \/status must be equal to one of/,
		);
	});

	it('error-answers: unpatched, a 404 or 429 of most operations is undeclared', () => {
		const body = { result: 'error', error: { code: 'object_not_found', description: 'x' } };
		const request = { method: 'GET', path: `${NEWSLETTERS}/groups/7` };
		expect(raw.validateResponse(request, 404, body).join()).toMatch(/status 404 is not declared/);
		expect(patched.validateResponse(request, 404, body)).toEqual([]);
		expect(patched.validateResponse(request, 429, { result: 'error' }).join()).toMatch(
			/must have required property 'error'/,
		);
	});

	it('campaign-object-members: unpatched, no campaign with recipients can validate', () => {
		const campaign = {
			id: 1,
			status: 'draft',
			lang: 'en_GB',
			subject: 's',
			preheader: '',
			email_from_name: 'n',
			email_from_addr: 'a@b.ch',
			tracking_link: true,
			tracking_opening: true,
			tracking_utm: { utm_source: 'n8n' },
			sending_batch: null,
			next_step: 'send',
			started_at: null,
			created_at: 1,
			recipients: { all: false, expert: {}, groups: {}, segments: {} },
		};
		const request = { method: 'GET', path: `${NEWSLETTERS}/campaigns/1` };
		const answer = { result: 'success', data: campaign };
		expect(raw.validateResponse(request, 200, answer).join()).toMatch(
			/tracking_utm must be array; \/data\/recipients must be array; \/data\/started_at must be integer/,
		);
		expect(patched.validateResponse(request, 200, answer)).toEqual([]);
	});

	it('subscriber-fields-and-groups and import-fields-and-groups: the documented examples validate only patched', () => {
		const upsert = {
			method: 'POST',
			path: `${NEWSLETTERS}/subscribers`,
			body: { email: 'a@b.ch', fields: { firstname: 'John' }, groups: [1234, 'my new group'] },
		};
		expect(raw.validateRequest(upsert).join()).toMatch(
			/fields must be array.*groups\/0 must be string/,
		);
		expect(patched.validateRequest(upsert)).toEqual([]);
		const importing = {
			method: 'POST',
			path: `${NEWSLETTERS}/subscribers/import`,
			body: { upload_id: 1, fields: [{ type: 'str', name: 'enterprise' }, 1], groups: [1234] },
		};
		expect(raw.validateRequest(importing).join()).toMatch(/fields\/0 must be string/);
		expect(patched.validateRequest(importing)).toEqual([]);
	});

	it('upload-answer, credit-details-object, pending-task-timestamps: unpatched, the answers cannot carry what is needed', () => {
		const uploadCall = { method: 'POST', path: `${NEWSLETTERS}/subscribers/import/upload` };
		const uploaded = { result: 'success', data: { upload_id: 7, columns: ['email'], rows: 1 } };
		expect(raw.validateResponse(uploadCall, 200, uploaded).join()).toMatch(/data must be array/);
		expect(patched.validateResponse(uploadCall, 200, uploaded)).toEqual([]);
		const details = { method: 'GET', path: `${NEWSLETTERS}/credits/details` };
		const balance = { result: 'success', data: { total: 100 } };
		expect(raw.validateResponse(details, 200, balance).join()).toMatch(/data must be array/);
		expect(patched.validateResponse(details, 200, balance)).toEqual([]);
		const task = { method: 'GET', path: '/1/async/tasks/5cb09b3c-d03a-11eb-b8bc-0242ac130003' };
		const pending = {
			result: 'success',
			data: {
				uuid: '5cb09b3c-d03a-11eb-b8bc-0242ac130003',
				status: 'running',
				created_at: 1,
				updated_at: 1,
				executed_at: null,
				finished_at: null,
				response: {},
			},
		};
		expect(raw.validateResponse(task, 200, pending).join()).toMatch(/executed_at must be integer/);
		expect(patched.validateResponse(task, 200, pending)).toEqual([]);
	});

	it('catches requests the document does not allow', () => {
		expect(
			patched
				.validateRequest({
					method: 'POST',
					path: `${NEWSLETTERS}/campaigns`,
					body: { subject: 's', email_from_addr: 'a@b.ch', email_from_name: 'n', lang: 'xx_XX' },
				})
				.join(),
		).toMatch(/lang must be equal to one of the allowed values/);
		expect(patched.validateRequest({ method: 'PATCH', path: `${NEWSLETTERS}/groups/1` })).toEqual([
			'[request] PATCH /1/newsletters/4242/groups/1: no operation declared for this method and path',
		]);
	});
});

describe('authentication and the domain', () => {
	it('reads the domain with the token, refuses a wrong token (401), an unscoped one (403) and another domain (404)', async () => {
		const domain = await api('GET', '');
		expect(domain.status).toBe(200);
		expect(domain.body).toMatchObject({ result: 'success', data: { id: 4242, status: 'enabled' } });
		expect((await api('GET', '', { token: 'wrong' })).body).toEqual({
			result: 'error',
			error: { code: 'not_authorized', description: 'Authentication required' },
		});
		expect((await api('GET', '', { token: null })).status).toBe(401);
		expect((await api('GET', '', { token: UNSCOPED_TOKEN })).status).toBe(403);
		expect((await api('GET', '/1/newsletters/999/groups')).status).toBe(404);
	});

	it('answers 422 to a GET carrying `with` and a JSON Content-Type, and reports it', async () => {
		const id = fake.addSubscriber('quirk@example.com');
		const answer = await api('GET', `/subscribers/${id}`, {
			query: { with: 'groups' },
			headers: { 'Content-Type': 'application/json' },
		});
		expect(answer.status).toBe(422);
		expect(fake.violations).toEqual([
			expect.stringContaining('with "with" and a JSON Content-Type: Infomaniak answers 422'),
		]);
		fake.violations.length = 0;
	});
});

describe('the quota of 60 requests per minute', () => {
	it('answers the 61st request of a minute with 429 and Retry-After, and counts it', async () => {
		fake.setQuota({ requests: 60, windowMs: 60_000 });
		const statuses: number[] = [];
		for (let i = 0; i < 61; i++) statuses.push((await api('GET', '/groups')).status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(60);
		const refused = await api('GET', '/groups');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(refused.body).toEqual({
			result: 'error',
			error: { code: 'too_many_requests', description: 'Too many requests' },
		});
		expect(fake.rateLimited()).toBe(2);
		fake.setRetryAfter(false);
		expect((await api('GET', '/groups')).headers.get('retry-after')).toBeNull();
	});
});

describe('state and the operations the node uses', () => {
	it('upserts subscribers by e-mail, keeps groups and fields, refuses unknown groups and fields (422)', async () => {
		const group = fake.addGroup('Members');
		const created = await api('POST', '/subscribers', {
			body: { email: 'ada@example.com', fields: { firstname: 'Ada' }, groups: [group] },
		});
		expect(created.status).toBe(201);
		const again = await api('POST', '/subscribers', {
			body: { email: 'ADA@example.com', fields: { lastname: 'Lovelace' }, groups: ['VIP'] },
		});
		expect(again.body.data.id).toBe(created.body.data.id);
		const stored = fake.store.subscriberByEmail('ada@example.com')!;
		expect(Object.fromEntries(stored.fields)).toEqual({ firstname: 'Ada', lastname: 'Lovelace' });
		expect(fake.store.groups.map((g) => g.name)).toEqual(['Members', 'VIP']);
		expect([...stored.groups]).toEqual([group, fake.store.groups[1].id]);

		const unknownGroup = await api('POST', '/subscribers', {
			body: { email: 'new@example.com', groups: [999] },
		});
		expect(unknownGroup.status).toBe(422);
		expect(unknownGroup.body.error.errors).toEqual({
			'groups.0': ['The selected group does not exist.'],
		});
		const unknownField = await api('POST', '/subscribers', {
			body: { email: 'new@example.com', fields: { shoe_size: '42' } },
		});
		expect(unknownField.status).toBe(422);
		expect(fake.store.subscriberByEmail('new@example.com')).toBeUndefined();
	});

	it('pages lists with page/per_page (total, pages) and filters with bracket filters', async () => {
		const group = fake.addGroup('Big');
		for (let i = 0; i < 25; i++)
			fake.addSubscriber(`p${i}@example.com`, { groups: i % 2 ? [group] : [] });
		const page = await api('GET', '/subscribers', {
			query: { 'filter[groups][0]': group, page: 2, per_page: 5 },
		});
		expect(page.body).toMatchObject({ total: 12, page: 2, pages: 3, items_per_page: 5 });
		expect(page.body.data.map((s: { email: string }) => s.email)).toEqual([
			'p11@example.com',
			'p13@example.com',
			'p15@example.com',
			'p17@example.com',
			'p19@example.com',
		]);
		const plain = await api('GET', '/subscribers');
		expect(plain.body.data).toHaveLength(25);
		expect(plain.body.total).toBeUndefined();
	});

	it('models a bulk operation as a 202 and a task that finishes after being read twice', async () => {
		const ids = [fake.addSubscriber('a@example.com'), fake.addSubscriber('b@example.com')];
		const answer = await api('PUT', '/subscribers/unsubscribe', {
			body: { select: { all: false, include: ids } },
		});
		expect(answer.status).toBe(202);
		expect(answer.body.result).toBe('asynchronous');
		const uuid = answer.body.data as string;
		expect(fake.store.subscriber(ids[0])!.status).toBe('active');
		const first = await api('GET', `/1/async/tasks/${uuid}`);
		expect(first.body.data).toMatchObject({ status: 'running', finished_at: null });
		const second = await api('GET', `/1/async/tasks/${uuid}`);
		expect(second.body.data).toMatchObject({ status: 'executed', response: { processed: 2 } });
		expect(second.body.data.finished_at).toEqual(expect.any(Number));
		expect(fake.store.subscriber(ids[0])!.status).toBe('unsubscribed');
	});

	it('sends a campaign: credits spent, statistics, link report, activity and tracking', async () => {
		const group = fake.addGroup('Readers');
		for (let i = 0; i < 6; i++) fake.addSubscriber(`r${i}@example.com`, { groups: [group] });
		const id = fake.addCampaign({
			recipients: {
				all: false,
				groups: { include: [group], exclude: [] },
				segments: { include: [], exclude: [] },
				emails: [],
			},
		});
		expect((await api('PUT', `/campaigns/${id}/schedule`, { body: {} })).body).toEqual({
			result: 'success',
			data: true,
		});
		const campaign = (await api('GET', `/campaigns/${id}`)).body.data;
		expect(campaign.status).toBe('sent');
		expect(campaign.statistics).toMatchObject({ sent_count: 6, open_count: 3, click_count: 2 });
		expect(fake.store.balance).toBe(10_000 - 6);
		expect((await api('GET', '/credits/details')).body.data).toEqual({ total: 9_994, used: 6 });
		expect((await api('GET', `/campaigns/${id}/report/links`)).body.data).toEqual([
			{ url: 'https://example.com/read', click_count: 2, unique_click_count: 2 },
		]);
		const opened = await api('GET', `/campaigns/${id}/report/activity`, {
			query: { 'filter[action]': 'open', page: 1, per_page: 2 },
		});
		expect(opened.body).toMatchObject({ total: 3, pages: 2 });
		const clicks = await api('GET', `/campaigns/${id}/tracking`, {
			query: { 'filter[action]': 'click' },
		});
		expect(clicks.body.data).toHaveLength(2);
	});
});
