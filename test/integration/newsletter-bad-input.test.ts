import {
	byId,
	credentialOf,
	runNewsletter,
	runNewsletterFailing,
	type RunOptions,
} from '../fakes/infomaniak-newsletter/nodeRunner';
import { startNewsletterFake, type NewsletterFake } from '../fakes/infomaniak-newsletter/server';

/**
 * Bad input gets a clear error naming the parameter as n8n shows it, and nothing is sent or
 * created (asserted on the fake's request log and state). Errors from Infomaniak name the
 * parameter too, and never show the token.
 */

jest.setTimeout(60_000);

let fake: NewsletterFake;

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

const fail = (params: Record<string, unknown>, extra: Partial<RunOptions> = {}) =>
	runNewsletterFailing(fake, { params, ...extra });

const CAMPAIGN = {
	resource: 'campaign',
	operation: 'create',
	subject: 'News',
	senderEmail: 'news@news.example.com',
	senderName: 'News',
	language: 'en_GB',
	contentSource: 'html',
	htmlContent: '<p>Hello</p>',
};

const csvItem = (text: string) => ({
	json: {},
	binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/csv' } },
});

describe('malformed e-mail addresses', () => {
	it.each([
		[
			'a subscriber',
			{ resource: 'subscriber', operation: 'upsert', email: 'ada(at)example.com' },
			'Email',
		],
		[
			'a test address',
			{ resource: 'campaign', operation: 'sendTest', campaignId: byId(1), email: 'proof@' },
			'Test Address',
		],
		['a sender', { ...CAMPAIGN, senderEmail: 'news at example.com' }, 'Sender Address'],
		[
			'a subscriber to add',
			{
				resource: 'mailingList',
				operation: 'addSubscribers',
				groupId: byId(1),
				subscribers: '12, bob@',
			},
			'Subscribers',
		],
	])('%s: refused before any request', async (_what, params, label) => {
		const error = await fail(params);
		expect(error.message).toMatch(
			new RegExp(
				`^Invalid "${label}": ".*" is (not a valid e-mail address|neither a subscriber ID nor a valid e-mail address)$`,
			),
		);
		expect(error.description).toBe(`Check the parameter "${label}"`);
		expect(fake.requests).toEqual([]);
	});

	it('an import from items with one bad address sends nothing at all; with Continue On Fail, the others go', async () => {
		const group = fake.addGroup('List');
		const emails = ['ok1@example.com', 'not an address', 'ok2@example.com'];
		const params = (i: number) => ({
			resource: 'mailingList',
			operation: 'importSubscribers',
			groupId: byId(group),
			source: 'items',
			email: emails[i],
		});
		const items = emails.map((email) => ({ json: { email } }));
		const error = await runNewsletterFailing(fake, { params, items });
		expect(error.message).toBe('Invalid "Email": "not an address" is not a valid e-mail address');
		expect(fake.writes()).toEqual([]);
		expect(fake.store.subscribers).toEqual([]);

		const tolerant = await runNewsletter(fake, { params, items, continueOnFail: true });
		expect(tolerant.json.map((item) => item.email ?? item.error)).toEqual([
			'ok1@example.com',
			'Invalid "Email": "not an address" is not a valid e-mail address',
			'ok2@example.com',
		]);
		expect(tolerant.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(fake.store.subscribers.map((s) => s.email)).toEqual([
			'ok1@example.com',
			'ok2@example.com',
		]);
	});
});

describe('a schedule date in the past', () => {
	it('is refused naming "Send At", and nothing is sent', async () => {
		const id = fake.addCampaign();
		const error = await fail({
			resource: 'campaign',
			operation: 'schedule',
			campaignId: byId(id),
			sendAt: '2020-01-01T10:00:00',
		});
		expect(error.message).toMatch(/^Invalid "Send At": 2020-01-01T09:00:00.000Z is in the past/);
		const notADate = await fail({
			resource: 'campaign',
			operation: 'schedule',
			campaignId: byId(id),
			sendAt: 'next tuesday',
		});
		expect(notADate.message).toBe('Invalid "Send At": "next tuesday" is not a date and time');
		expect(fake.requests).toEqual([]);
		expect(fake.store.campaign(id)!.status).toBe('draft');
	});
});

describe('campaign content and language', () => {
	it('an unknown language is refused naming "Language"', async () => {
		const error = await fail({ ...CAMPAIGN, language: 'xx_XX' });
		expect(error.message).toBe(
			'Invalid "Language": "xx_XX" is not one of Infomaniak\'s campaign languages (en_GB, fr_FR, de_DE, it_IT, es_ES)',
		);
		expect(fake.requests).toEqual([]);
	});

	it('missing HTML is refused naming "HTML Content" or "Input Binary Field"', async () => {
		expect((await fail({ ...CAMPAIGN, htmlContent: '   ' })).message).toBe(
			'Invalid "HTML Content": it must not be empty',
		);
		const noFile = await fail({ ...CAMPAIGN, contentSource: 'binary', binaryPropertyName: 'html' });
		expect(noFile.message).toBe(
			'Invalid "Input Binary Field": the input item has no binary property "html"',
		);
		const emptyFile = await fail(
			{ ...CAMPAIGN, contentSource: 'binary', binaryPropertyName: 'data' },
			{ items: [csvItem('')] },
		);
		expect(emptyFile.message).toBe('Invalid "Input Binary Field": the HTML file is empty');
		expect(fake.requests).toEqual([]);
		expect(fake.store.campaigns).toEqual([]);
	});
});

describe('CSV files', () => {
	it('without an e-mail column: refused naming "Email Column", nothing uploaded', async () => {
		const group = fake.addGroup('List');
		const error = await fail(
			{
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(group),
				source: 'csv',
			},
			{ items: [csvItem('name,city\nAda,Zurich\n')] },
		);
		expect(error.message).toBe(
			'Invalid "Email Column": the CSV file has no column "email" (its columns: name, city)',
		);
		expect(error.description).toBe('Check the parameter "Email Column"');
		expect(fake.requests).toEqual([]);
	});

	it('with bad addresses, or no rows: refused naming "Input Binary Field", nothing uploaded', async () => {
		const group = fake.addGroup('List');
		const params = {
			resource: 'mailingList',
			operation: 'importSubscribers',
			groupId: byId(group),
			source: 'csv',
		};
		const bad = await fail(params, {
			items: [csvItem('email,name\nada@example.com,Ada\nbob,Bob\n,Nobody\n')],
		});
		expect(bad.message).toBe(
			'Invalid "Input Binary Field": 2 row(s) of the CSV file have no valid e-mail address (line 3: "bob", line 4: ""); nothing was imported',
		);
		const empty = await fail(params, { items: [csvItem('email\n')] });
		expect(empty.message).toMatch(
			/^Invalid "Input Binary Field": the CSV file has no subscriber rows/,
		);
		const separator = await fail(
			{ ...params, csvOptions: { separator: ';;' } },
			{ items: [csvItem('email\na@b.ch')] },
		);
		expect(separator.message).toBe('Invalid "Separator": give exactly one character, not ";;"');
		expect(fake.requests).toEqual([]);
	});
});

describe('an unknown group id', () => {
	it("in campaign recipients, a subscriber's lists, an import or a filter: refused naming the parameter, nothing written", async () => {
		fake.addGroup('Real');
		const recipients = await fail({ ...CAMPAIGN, recipients: { groups: ['999'] } });
		expect(recipients.message).toBe(
			'Invalid "Mailing List Names or IDs": no mailing list has the ID 999 in this newsletter domain',
		);
		const upsert = await fail({
			resource: 'subscriber',
			operation: 'upsert',
			email: 'a@example.com',
			groups: [999],
		});
		expect(upsert.message).toBe(
			'Invalid "Mailing List Names or IDs": no mailing list has the ID 999 in this newsletter domain',
		);
		const items = await fail(
			{
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(999),
				source: 'items',
				email: 'a@example.com',
			},
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(items.message).toBe(
			'Invalid "Mailing List": no mailing list has the ID 999 in this newsletter domain',
		);
		const csv = await fail(
			{
				resource: 'mailingList',
				operation: 'importSubscribers',
				groupId: byId(999),
				source: 'csv',
			},
			{ items: [csvItem('email\na@example.com\n')] },
		);
		expect(csv.message).toBe(
			'Invalid "Mailing List": no mailing list has the ID 999 in this newsletter domain',
		);
		const filter = await fail({
			resource: 'subscriber',
			operation: 'list',
			returnAll: true,
			filters: { groups: ['999'] },
		});
		expect(filter.message).toMatch(
			/^Invalid "Mailing List Names or IDs": no mailing list has the ID 999/,
		);
		expect(fake.writes()).toEqual([]);
		expect(fake.requests.every((r) => r.method === 'GET' && r.path.endsWith('/groups'))).toBe(true);
		expect(fake.store.campaigns).toEqual([]);
		expect(fake.store.subscribers).toEqual([]);
	});

	it('a locator that is not an ID, and an unknown ID Infomaniak answers 404 for, name the parameter', async () => {
		const notAnId = await fail({
			resource: 'mailingList',
			operation: 'get',
			groupId: byId('Newsletter'),
		});
		expect(notAnId.message).toBe('Invalid "Mailing List": "Newsletter" is not an ID');
		expect(fake.requests).toEqual([]);
		const unknown = await fail({ resource: 'campaign', operation: 'get', campaignId: byId(31337) });
		expect(unknown.message).toBe(
			'Infomaniak could not find it (HTTP 404): object_not_found: Campaign 31337 not found',
		);
		expect(unknown.description).toBe('Check the parameter "Campaign".');
		expect(unknown.httpCode).toBe('404');
		const unknownEmail = await fail({
			resource: 'subscriber',
			operation: 'get',
			subscriberId: { __rl: true, mode: 'email', value: 'ghost@example.com' },
		});
		expect(unknownEmail.message).toBe(
			'Invalid "Subscriber": no subscriber has the e-mail address ghost@example.com',
		);
	});
});

describe('the GDPR erasure', () => {
	it('is not sent without the explicit confirmation', async () => {
		const id = fake.addSubscriber('keep@example.com');
		const error = await fail({
			resource: 'subscriber',
			operation: 'forget',
			subscriberId: byId(id),
			confirmForget: false,
		});
		expect(error.message).toBe(
			'Invalid "Confirm Permanent Erasure": turn it on to erase the subscriber for good; nothing was sent',
		);
		expect(fake.requests).toEqual([]);
		expect(fake.store.subscriber(id)).toBeDefined();
	});
});

describe("Infomaniak's refusals", () => {
	it('a wrong token: a 401 that names the credential and never shows the token', async () => {
		const secret = 'tok-SECRET-0123456789abcdef';
		const error = await fail(
			{ resource: 'utility', operation: 'getCredits' },
			{ credential: { ...credentialOf(fake), apiToken: secret } },
		);
		expect(error.message).toBe(
			'Infomaniak did not accept the API token (HTTP 401): not_authorized: Authentication required',
		);
		expect(error.description).toMatch(
			/^Check the API Token of the Infomaniak Newsletter credential/,
		);
		expect(JSON.stringify(error)).not.toContain(secret);
	});

	it('a validation failure (422) lists the fields and names the parameters', async () => {
		const error = await fail({
			resource: 'subscriber',
			operation: 'upsert',
			email: 'a@example.com',
			fields: { entry: [{ name: 'shoe_size', value: '42' }] },
		});
		expect(error.message).toBe(
			'Infomaniak refused the request as invalid (HTTP 422): validation_failed: The given data was invalid.',
		);
		expect(error.description).toBe(
			'fields.shoe_size: The selected field is invalid. Check the parameters "Email", "Subscriber Fields", "Mailing List Names or IDs".',
		);
	});

	it('a credential whose Domain ID is not a number, or unknown', async () => {
		const notANumber = await fail(
			{ resource: 'utility', operation: 'getCredits' },
			{ credential: { ...credentialOf(fake), domainId: 'news.example.com' } },
		);
		expect(notANumber.message).toBe(
			'The "Domain ID" of the Infomaniak Newsletter credential, "news.example.com", is not a number',
		);
		const unknown = await fail(
			{ resource: 'utility', operation: 'getCredits' },
			{ credential: { ...credentialOf(fake), domainId: '77' } },
		);
		expect(unknown.description).toBe(
			'Check the Domain ID of the Infomaniak Newsletter credential.',
		);
	});

	it('with Continue On Fail, an error item per failing item, paired, and the others done', async () => {
		const id = fake.addCampaign();
		const result = await runNewsletter(fake, {
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
			params: (i) => ({
				resource: 'campaign',
				operation: 'get',
				campaignId: byId(i === 0 ? 555 : id),
			}),
		});
		expect(result.json[0]).toMatchObject({ error: expect.stringContaining('HTTP 404') });
		expect(result.json[1]).toMatchObject({ id });
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
