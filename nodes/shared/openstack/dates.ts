/**
 * OpenStack services write times in UTC, some without a zone (Designate's
 * "2026-12-02T08:39:14.000000", Heat's "2026-12-02T08:39:44Z"): this reads both as UTC and
 * gives ISO 8601; null or unreadable values give null.
 */
export function openStackTime(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
	const time = Date.parse(zoned);
	return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
