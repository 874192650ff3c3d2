/**
 * Infomaniak speaks Unix seconds; n8n users speak dates in their workflow's time zone and read
 * ISO 8601. Both directions live here, with no date library (the pack loads nothing at start-up).
 */

const LOCAL_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** How far `timeZone` is ahead of UTC at the instant `epochMs`, in ms. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wall = Date.UTC(
		field('year'),
		field('month') - 1,
		field('day'),
		field('hour'),
		field('minute'),
		field('second'),
	);
	return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time in `timeZone` stands for (a time skipped by DST moves forward). */
function wallClockToEpochMs(match: RegExpExecArray, timeZone: string): number {
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0'] = match;
	const asUtc = Date.UTC(
		Number(year),
		Number(month) - 1,
		Number(day),
		Number(hour),
		Number(minute),
		Number(second),
		Number(fraction.padEnd(3, '0')),
	);
	const check = new Date(asUtc);
	// no rolling over: 2026-02-30 or 25:00 are not dates
	if (
		check.getUTCMonth() !== Number(month) - 1 ||
		check.getUTCDate() !== Number(day) ||
		check.getUTCHours() !== Number(hour) ||
		check.getUTCMinutes() !== Number(minute) ||
		Number(second) > 59
	)
		return Number.NaN;
	const firstGuess = asUtc - zoneOffsetMs(asUtc, timeZone);
	const offset = zoneOffsetMs(firstGuess, timeZone);
	return asUtc - offset;
}

/**
 * The instant a date-time parameter means: a value with an offset (`…Z`, `…+02:00`) as it says;
 * one without (what n8n's date picker gives) in the workflow's time zone; epoch milliseconds as
 * they are. Undefined when it is not a date.
 */
export function parseDateTime(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
	if (value && typeof value === 'object') {
		const serialized = (value as { toISO?: () => string; toJSON?: () => string }).toISO?.();
		return parseDateTime(serialized ?? (value as { toJSON?: () => string }).toJSON?.(), timeZone);
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const local = LOCAL_DATE_TIME.exec(text);
	let epochMs: number;
	try {
		epochMs =
			local && !HAS_OFFSET.test(text) ? wallClockToEpochMs(local, timeZone) : Date.parse(text);
	} catch {
		return undefined; // an unknown time zone
	}
	return Number.isNaN(epochMs) ? undefined : new Date(epochMs);
}

export function unixSeconds(date: Date): number {
	return Math.floor(date.getTime() / 1000);
}

/** Unix seconds → ISO 8601; 0 and missing values (never set) → null. */
export function isoFromUnix(value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
	return new Date(value * 1000).toISOString();
}

/**
 * A copy of an Infomaniak object (or list) whose timestamps (`created_at`, `started_at`,
 * `updated_at`, … in Unix seconds) read as ISO 8601, at every depth.
 */
export function withIsoDates<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withIsoDates(entry)) as T;
	if (!value || typeof value !== 'object') return value;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		copy[key] =
			key.endsWith('_at') && (typeof entry === 'number' || entry === null)
				? isoFromUnix(entry)
				: withIsoDates(entry);
	}
	return copy as T;
}
