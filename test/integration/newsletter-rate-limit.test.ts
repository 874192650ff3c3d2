import { NEWSLETTER_RATE_LIMIT } from '../../nodes/InfomaniakNewsletter/transport';
import { callFake } from '../fakes/infomaniak-newsletter/client';
import { byId, runNewsletter } from '../fakes/infomaniak-newsletter/nodeRunner';
import {
	INFOMANIAK_QUOTA,
	startNewsletterFake,
	type NewsletterFake,
} from '../fakes/infomaniak-newsletter/server';

/**
 * "Pace, then retry" against the fake's 60 requests per minute: the node's requests on one
 * stored credential are paced by the shared rate limiter so that none is refused, also across
 * two nodes using that credential; a 429 caused by another client is still retried.
 */

jest.setTimeout(240_000);

let fake: NewsletterFake;

beforeAll(async () => {
	fake = await startNewsletterFake();
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => fake.reset());

afterEach(() => {
	expect(fake.violations).toEqual([]);
});

const emails = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({ json: { email: `${prefix}${i}@example.com` } }));

describe('pacing', () => {
	it('declares a bucket that never exceeds 60 requests in any minute', () => {
		expect(INFOMANIAK_QUOTA).toEqual({ requests: 60, windowMs: 60_000 });
		expect(NEWSLETTER_RATE_LIMIT).toEqual({ requests: 55, intervalMs: 60_000, burst: 5 });
	});

	it('two nodes on one credential send 72 requests in a row: all paced, none answered 429', async () => {
		fake.setQuota(INFOMANIAK_QUOTA);
		const group = fake.addGroup('Sign-ups');
		const importItems = (name: string, prefix: string) =>
			runNewsletter(fake, {
				credentialId: 'shared-credential',
				node: { name },
				items: emails(prefix, 35),
				params: (i) => ({
					resource: 'mailingList',
					operation: 'importSubscribers',
					groupId: byId(group),
					source: 'items',
					email: `${prefix}${i}@example.com`,
				}),
			});
		const first = await importItems('Import A', 'a');
		const second = await importItems('Import B', 'b');

		expect(first.json).toHaveLength(35);
		expect(second.json).toHaveLength(35);
		expect(fake.store.members).toHaveLength(70);
		// 2 reads of the lists + 70 upserts: more than the quota of one minute, and not one refused
		expect(fake.requests).toHaveLength(72);
		expect(fake.rateLimited()).toBe(0);
	});
});

describe('a 429 caused by another client of the account', () => {
	it('is retried after its Retry-After', async () => {
		fake.setQuota({ requests: 3, windowMs: 2_000 });
		for (let i = 0; i < 3; i++) expect((await callFake(fake, 'GET', '/groups')).status).toBe(200);
		const result = await runNewsletter(fake, {
			credentialId: 'retry-after',
			params: { resource: 'utility', operation: 'getCredits' },
		});
		expect(result.json[0]).toMatchObject({ balance: 10_000 });
		expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 429, 200]);
	});

	it('is retried with backoff when the 429 carries no Retry-After', async () => {
		fake.setQuota({ requests: 2, windowMs: 1_500 });
		fake.setRetryAfter(false);
		for (let i = 0; i < 2; i++) await callFake(fake, 'GET', '/groups');
		const result = await runNewsletter(fake, {
			params: { resource: 'mailingList', operation: 'create', name: 'After the storm' },
		});
		expect(result.json[0]).toMatchObject({ name: 'After the storm' });
		expect(fake.rateLimited()).toBeGreaterThanOrEqual(1);
		expect(fake.store.groups.map((g) => g.name)).toEqual(['After the storm']);
	});
});
