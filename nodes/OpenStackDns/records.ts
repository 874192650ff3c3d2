import { isIPv4, isIPv6 } from 'net';

import { completeHostName, type Fail } from './names';

/**
 * Record data checked per type before anything is sent, with Designate's rules
 * (designate/objects/rrdata_*.py), and written the way Designate stores it: host names with
 * their trailing dot, numbers without leading zeros, TXT text quoted where DNS needs quotes.
 */

export const RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SRV', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_FORMATS: Record<RecordType, string> = {
	A: 'an IPv4 address, e.g. 192.0.2.10',
	AAAA: 'an IPv6 address, e.g. 2001:db8::10',
	CAA: 'flags, tag and value, e.g. 0 issue letsencrypt.org',
	CNAME: 'a host name, e.g. web.example.net.',
	MX: 'a priority and a mail host, e.g. 10 mail.example.com.',
	NS: 'a name server, e.g. ns1.example.net.',
	PTR: 'a host name, e.g. host.example.com.',
	SRV: 'priority, weight, port and target, e.g. 10 5 5060 sip.example.com.',
	TXT: 'any text, e.g. v=spf1 -all',
};

/** Reports a record's problem through the operation's `fail`. */
type RecordFail = (type: RecordType, data: string, problem: string) => never;

function recordFail(fail: Fail): RecordFail {
	return (type, data, problem) => fail(`"${data}" is not a valid ${type} record: ${problem}`);
}

function uint16(
	fail: RecordFail,
	type: RecordType,
	data: string,
	value: string,
	what: string,
): number {
	if (!/^\d+$/.test(value) || Number(value) > 65535)
		fail(type, data, `the ${what} must be a whole number from 0 to 65535`);
	return Number(value);
}

function host(
	fail: RecordFail,
	type: RecordType,
	data: string,
	value: string,
	what: string,
): string {
	return completeHostName(value, (problem) => fail(type, data, problem), `the ${what}`);
}

/**
 * TXT: text with spaces, quotes or backslashes is sent quoted (inner quotes and backslashes
 * escaped); text longer than one DNS string is split into quoted strings of at most 253
 * characters, which Designate accepts only when they are together longer than 255.
 */
function txt(fail: RecordFail, data: string): string {
	if (/[\r\n]/.test(data)) fail('TXT', data, 'it must not contain a line break');
	if (data.startsWith('"')) {
		if (!/^"(?:[^"\\]|\\.)*"(?:\s+"(?:[^"\\]|\\.)*")*$/.test(data))
			fail('TXT', data, 'quoted text must close its quotes and escape inner quotes as \\"');
		const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => `"${match[1]}"`);
		if (parts.some((part) => part.length > 255))
			fail('TXT', data, 'each quoted string holds at most 253 characters');
		const joined = parts.join(' ');
		if (parts.length > 1 && joined.length <= 255)
			fail(
				'TXT',
				data,
				'Designate takes several quoted strings only when longer than 255 characters together: join them into one',
			);
		return joined;
	}
	if (data.length <= 255 && !/[\s"\\]/.test(data)) return data;
	const escaped = [...data].map((char) => (char === '"' || char === '\\' ? `\\${char}` : char));
	if (escaped.join('').length <= 253) return `"${escaped.join('')}"`;
	const parts: string[] = [];
	let current = '';
	for (const piece of escaped) {
		if (current.length + piece.length > 253) {
			parts.push(current);
			current = '';
		}
		current += piece;
	}
	parts.push(current);
	return parts.map((part) => `"${part}"`).join(' ');
}

function caa(fail: RecordFail, data: string): string {
	const match = /^(\S+)\s+(\S+)\s+(.+)$/.exec(data);
	if (!match) fail('CAA', data, 'give flags, tag and value, e.g. 0 issue letsencrypt.org');
	const [, flags, rawTag, rawValue] = match;
	if (flags !== '0' && flags !== '1') fail('CAA', data, 'the flags must be 0 or 1');
	const tag = rawTag.toLowerCase();
	const value = rawValue
		.trim()
		.replace(/^"(.*)"$/, '$1')
		.trim();
	if (tag === 'issue' || tag === 'issuewild') {
		const [domain, ...pairs] = value.split(';').map((part) => part.trim());
		if (!domain) fail('CAA', data, `"${tag}" needs the domain of a CA, e.g. letsencrypt.org`);
		const ca = host(fail, 'CAA', data, domain, 'CA domain').slice(0, -1);
		for (const pair of pairs) {
			if (!/^[A-Za-z0-9]+=[A-Za-z0-9][^\s;]*$/.test(pair))
				fail('CAA', data, `"${pair}" is not a key=value parameter`);
		}
		return [`${flags} ${tag} ${ca}`, ...pairs].join('; ');
	}
	if (tag === 'iodef') {
		const mail = /^mailto:[A-Za-z0-9_-]+(\+[A-Za-z0-9_-]+)?@(.+)$/.exec(value);
		const web = /^https?:\/\/([^/]+)\/.*$/.exec(value);
		const domain = mail?.[2] ?? web?.[1];
		if (!domain)
			fail(
				'CAA',
				data,
				'"iodef" needs a mailto: address or an http(s) URL with a path, e.g. https://example.com/report',
			);
		host(fail, 'CAA', data, domain, 'report domain');
		return `${flags} ${tag} ${value}`;
	}
	return fail('CAA', data, `the tag must be issue, issuewild or iodef (got "${rawTag}")`);
}

/** One record of `type`, checked and written as Designate stores it. */
export function normaliseRecord(type: RecordType, raw: string, failWith: Fail): string {
	const fail = recordFail(failWith);
	const data = raw.trim();
	if (data === '') failWith('a record is empty');
	switch (type) {
		case 'A':
			if (!isIPv4(data)) fail(type, data, 'it is not an IPv4 address (e.g. 192.0.2.10)');
			return data;
		case 'AAAA':
			if (!isIPv6(data) || data.includes('%') || isIPv4(data))
				fail(type, data, 'it is not an IPv6 address (e.g. 2001:db8::10)');
			return data.toLowerCase();
		case 'CNAME':
		case 'NS':
		case 'PTR':
			return host(fail, type, data, data, 'host name');
		case 'MX': {
			const parts = data.split(/\s+/);
			if (parts.length !== 2)
				fail(type, data, 'give a priority and a mail host, e.g. 10 mail.example.com.');
			return `${uint16(fail, type, data, parts[0], 'priority')} ${host(fail, type, data, parts[1], 'mail host')}`;
		}
		case 'SRV': {
			const parts = data.split(/\s+/);
			if (parts.length !== 4)
				fail(type, data, 'give priority, weight, port and target, e.g. 10 5 5060 sip.example.com.');
			const [priority, weight, port] = ['priority', 'weight', 'port'].map((what, index) =>
				uint16(fail, type, data, parts[index], what),
			);
			return `${priority} ${weight} ${port} ${host(fail, type, data, parts[3], 'target')}`;
		}
		case 'TXT':
			return txt(fail, data);
		case 'CAA':
			return caa(fail, data);
		default:
			return failWith(`the record type "${String(type)}" is not supported`);
	}
}

/** The records of a record set: each checked, duplicates dropped, at least one, one for a CNAME. */
export function normaliseRecords(type: RecordType, raw: string[], fail: Fail): string[] {
	const records: string[] = [];
	for (const entry of raw) {
		const record = normaliseRecord(type, entry, fail);
		if (!records.some((known) => known.toLowerCase() === record.toLowerCase()))
			records.push(record);
	}
	if (records.length === 0) fail('give at least one record');
	if (type === 'CNAME' && records.length > 1)
		fail(`a CNAME record set holds one record (got ${records.length})`);
	return records;
}

export function isRecordType(value: string): value is RecordType {
	return (RECORD_TYPES as readonly string[]).includes(value);
}
