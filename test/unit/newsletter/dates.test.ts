import {
	isoFromUnix,
	parseDateTime,
	unixSeconds,
	withIsoDates,
} from '../../../nodes/InfomaniakNewsletter/dates';

/** Dates in: a wall-clock time in the workflow's time zone → Unix seconds. Dates out: ISO 8601. */

const iso = (value: unknown, zone: string) => parseDateTime(value, zone)?.toISOString();

describe('parseDateTime', () => {
	it("reads a date without an offset in the workflow's time zone, summer and winter", () => {
		expect(iso('2026-07-01T09:30:00', 'Europe/Zurich')).toBe('2026-07-01T07:30:00.000Z');
		expect(iso('2026-01-15T09:30:00', 'Europe/Zurich')).toBe('2026-01-15T08:30:00.000Z');
		expect(iso('2026-07-01 09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
		expect(iso('2026-07-01T09:30:00.25', 'Asia/Kolkata')).toBe('2026-07-01T04:00:00.250Z');
		expect(iso('2026-07-01', 'Europe/Zurich')).toBe('2026-06-30T22:00:00.000Z');
		expect(iso('2026-07-01T09:30:00', 'UTC')).toBe('2026-07-01T09:30:00.000Z');
	});

	it('moves a time skipped by the spring change forward, and takes the first of a repeated one', () => {
		// 2026-03-29 02:30 does not exist in Zurich (02:00 → 03:00)
		expect(iso('2026-03-29T02:30:00', 'Europe/Zurich')).toBe('2026-03-29T01:30:00.000Z');
		// 2026-10-25 02:30 happens twice in Zurich
		expect(iso('2026-10-25T02:30:00', 'Europe/Zurich')).toMatch(/^2026-10-25T0[01]:30:00.000Z$/);
	});

	it('keeps an explicit offset, epoch milliseconds, Dates and date objects as they are', () => {
		expect(iso('2026-07-01T09:30:00+02:00', 'America/New_York')).toBe('2026-07-01T07:30:00.000Z');
		expect(iso('2026-07-01T09:30:00Z', 'Europe/Zurich')).toBe('2026-07-01T09:30:00.000Z');
		expect(iso(Date.UTC(2026, 0, 1), 'Europe/Zurich')).toBe('2026-01-01T00:00:00.000Z');
		expect(iso(new Date('2026-02-03T04:05:06Z'), 'Europe/Zurich')).toBe('2026-02-03T04:05:06.000Z');
		const luxonLike = { toISO: () => '2026-05-05T10:00:00.000+02:00' };
		expect(iso(luxonLike, 'UTC')).toBe('2026-05-05T08:00:00.000Z');
	});

	it('says undefined for what is not a date, or a time zone that does not exist', () => {
		for (const value of [
			'',
			'tomorrow',
			'2026-13-45T99:00',
			'2026-02-30T10:00',
			'2026-01-01T24:00',
			undefined,
			null,
			{},
			Number.NaN,
		])
			expect(parseDateTime(value, 'Europe/Zurich')).toBeUndefined();
		expect(parseDateTime('2026-07-01T09:30:00', 'Mars/Olympus_Mons')).toBeUndefined();
	});

	it('gives Unix seconds', () => {
		expect(unixSeconds(new Date('2026-07-01T07:30:00.999Z'))).toBe(1782891000);
	});
});

describe('ISO 8601 in outputs', () => {
	it('turns every *_at Unix timestamp into ISO 8601, at any depth; 0 and null are "never"', () => {
		expect(isoFromUnix(1782891000)).toBe('2026-07-01T07:30:00.000Z');
		expect(isoFromUnix(0)).toBeNull();
		expect(isoFromUnix('1782891000')).toBeNull();
		expect(
			withIsoDates({
				id: 7,
				created_at: 1782891000,
				started_at: null,
				subscribers_count: 1782891000,
				groups: [{ updated_at: 1782891000, name: 'G' }],
				statistics: { sent_count: 3 },
				tags: ['created_at'],
			}),
		).toEqual({
			id: 7,
			created_at: '2026-07-01T07:30:00.000Z',
			started_at: null,
			subscribers_count: 1782891000,
			groups: [{ updated_at: '2026-07-01T07:30:00.000Z', name: 'G' }],
			statistics: { sent_count: 3 },
			tags: ['created_at'],
		});
		expect(withIsoDates([{ finished_at: 1 }])).toEqual([
			{ finished_at: '1970-01-01T00:00:01.000Z' },
		]);
	});
});
