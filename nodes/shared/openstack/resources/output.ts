import type { IDataObject } from 'n8n-workflow';

/**
 * OpenStack records in the pack's words: camelCase keys without the `OS-EXT-…:` prefixes, dates
 * as ISO 8601 (Cinder and Nova's usage omit the zone: they mean UTC), links left out. User data
 * (metadata, tags, properties, extra specs) keeps its keys as they are.
 */

const VERBATIM = new Set([
	'metadata',
	'tags',
	'properties',
	'extra_specs',
	'volume_image_metadata',
	'image_metadata',
]);

/** `OS-EXT-STS:vm_state` → `vmState`, `router:external` → `routerExternal`. */
export function camelKey(key: string): string {
	const bare = /^os-[\w-]+:/i.test(key) ? key.slice(key.indexOf(':') + 1) : key;
	return bare.replace(/[:_-]+([a-zA-Z0-9])/g, (_, next: string) => next.toUpperCase());
}

const DATE_KEY = /(At|^created|^updated|^launched|^terminated|^started|^ended|^stopped)$/;

/** A date OpenStack wrote, as ISO 8601; a value without a zone is UTC. Anything else as it is. */
export function isoDate(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return value;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
	const time = Date.parse(zoned.replace(' ', 'T'));
	return Number.isFinite(time) ? new Date(time).toISOString() : value;
}

/** Objects whose keys are names the user gave (a server's addresses, by network name). */
const NAMED_KEYS = new Set(['addresses']);

function tidyValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(tidyValue);
	if (value && typeof value === 'object') return tidy(value as IDataObject);
	return value;
}

export function tidy(record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === 'links' || key.endsWith('_links')) continue;
		const name = camelKey(key);
		if (VERBATIM.has(key)) out[name] = value;
		else if (NAMED_KEYS.has(key) && value && typeof value === 'object' && !Array.isArray(value))
			out[name] = Object.fromEntries(
				Object.entries(value).map(([entry, inner]) => [entry, tidyValue(inner)]),
			) as IDataObject;
		else if (DATE_KEY.test(name)) out[name] = isoDate(value) as IDataObject[string];
		else out[name] = tidyValue(value) as IDataObject[string];
	}
	return out;
}
