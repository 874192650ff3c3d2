import type { INode } from 'n8n-workflow';

import {
	checkBucketName,
	checkEntryName,
	checkLabels,
	checkPlainName,
	isoTime,
	labelEntries,
	labelHeaders,
	MAX_LABELS,
	nowMicros,
	parseList,
	parseOptionalTimestamp,
	parseTimestamp,
	parseWhen,
} from '../../../nodes/ReductStore/validation';
import { ReductStore } from '../../../nodes/ReductStore/ReductStore.node';
import { registerNodeProperties } from '../../../nodes/shared/node/labels';

const node: INode = {
	id: 'n',
	name: 'ReductStore',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: { resource: 'record', operation: 'write' },
};
// the node's parameters, as its router registers them: errors name them as n8n shows them
registerNodeProperties(node.type, new ReductStore().description.properties);

function error(fn: () => unknown): {
	message: string;
	description?: string | null;
	itemIndex?: number;
} {
	try {
		fn();
	} catch (thrown) {
		const e = thrown as Error & { description?: string; context?: { itemIndex?: number } };
		return { message: e.message, description: e.description, itemIndex: e.context?.itemIndex };
	}
	throw new Error('expected an error');
}

describe('timestamps', () => {
	it('reads microseconds, ISO dates with microsecond precision, zones and date objects', () => {
		expect(parseTimestamp(node, '1769860800123456', 'timestamp')).toBe(1769860800123456n);
		expect(parseTimestamp(node, 1769860800123456, 'timestamp')).toBe(1769860800123456n);
		expect(parseTimestamp(node, '2026-01-31T12:00:00.123456Z', 'timestamp')).toBe(
			1769860800123456n,
		);
		expect(parseTimestamp(node, '2026-01-31T12:00:00.5Z', 'timestamp')).toBe(1769860800500000n);
		expect(parseTimestamp(node, '2026-01-31T12:00:00.123456789Z', 'timestamp')).toBe(
			1769860800123456n,
		);
		// without a zone: UTC, whatever the n8n server's time zone
		expect(parseTimestamp(node, '2026-01-31T12:00:00', 'timestamp')).toBe(1769860800000000n);
		expect(parseTimestamp(node, '2026-01-31 12:00', 'timestamp')).toBe(1769860800000000n);
		expect(parseTimestamp(node, '2026-01-31', 'timestamp')).toBe(1769817600000000n);
		expect(parseTimestamp(node, '2026-01-31T14:00:00+02:00', 'timestamp')).toBe(1769860800000000n);
		expect(parseTimestamp(node, new Date('2026-01-31T12:00:00.250Z'), 'timestamp')).toBe(
			1769860800250000n,
		);
		// a Luxon DateTime, as {{ $now }} gives
		expect(
			parseTimestamp(node, { toISO: () => '2026-01-31T12:00:00.001+00:00' }, 'timestamp'),
		).toBe(1769860800001000n);
		expect(parseTimestamp(node, '0', 'timestamp')).toBe(0n);
	});

	it('gives "now" as increasing microseconds, and refuses it where a record must be named', () => {
		const before = BigInt(Date.now()) * 1000n;
		const a = parseTimestamp(node, 'now', 'timestamp');
		const b = parseTimestamp(node, '', 'timestamp');
		const c = nowMicros();
		expect(a >= before).toBe(true);
		expect(b > a && c > b).toBe(true);
		// Read to the microsecond (other processes, e.g. queue-mode workers, issue their own): readings
		// at least 3 µs apart are at least 2 µs apart, not 1 µs past the last one in the same ms.
		const readings = Array.from({ length: 50 }, () => {
			const start = performance.now();
			while (performance.now() - start < 0.003) {
				// wait 3 µs
			}
			return nowMicros();
		});
		expect(readings.slice(1).filter((micros, i) => micros - readings[i] < 2n)).toEqual([]);
		expect(Number(readings[readings.length - 1] - BigInt(Date.now()) * 1000n)).toBeLessThan(5_000);
		expect(error(() => parseTimestamp(node, '', 'timestamp', 3, { allowNow: false }))).toEqual({
			message: 'Invalid "Timestamp": it must not be empty',
			description: 'Check the parameter "Timestamp"',
			itemIndex: 3,
		});
		expect(parseOptionalTimestamp(node, '', 'start')).toBeUndefined();
		expect(parseOptionalTimestamp(node, '  ', 'start')).toBeUndefined();
		expect(parseOptionalTimestamp(node, '42', 'start')).toBe(42n);
	});

	it.each([
		['yesterday'],
		['31/01/2026'],
		['2026-13-45T99:00:00Z'],
		['1.5'],
		['-5'],
		['0x10'],
		['2026-01-31T12:00:00Zjunk'],
	])('refuses %s, naming the parameter', (value) => {
		const { message } = error(() => parseTimestamp(node, value, 'start'));
		expect(message).toBe(
			`Invalid "Start": "${value}" is neither an ISO 8601 date (e.g. 2026-01-31T12:00:00Z) nor a whole number of microseconds since 1970`,
		);
	});

	it('refuses fractions, dates before 1970 and numbers past 2^53', () => {
		expect(error(() => parseTimestamp(node, 1.5, 'timestamp')).message).toBe(
			'Invalid "Timestamp": 1.5 is not a whole number of microseconds',
		);
		expect(error(() => parseTimestamp(node, '1969-12-31T23:59:59Z', 'timestamp')).message).toBe(
			'Invalid "Timestamp": it is before 1970-01-01',
		);
		expect(error(() => parseTimestamp(node, '18446744073709551615', 'stop')).message).toBe(
			'Invalid "Stop": 18446744073709551615 microseconds is past the largest supported timestamp (year 2255)',
		);
		expect(error(() => parseTimestamp(node, new Date('nope'), 'timestamp')).message).toBe(
			'Invalid "Timestamp": it is not a valid date',
		);
	});

	it('formats microseconds as ISO 8601 with six decimals', () => {
		expect(isoTime(1769860800123456n)).toBe('2026-01-31T12:00:00.123456Z');
		expect(isoTime(1n)).toBe('1970-01-01T00:00:00.000001Z');
		expect(isoTime(0n)).toBe('1970-01-01T00:00:00.000000Z');
	});
});

describe('names', () => {
	it("accepts bucket and entry names of the server's alphabet, trimmed", () => {
		expect(checkBucketName(node, ' sensors_1-a ')).toBe('sensors_1-a');
		expect(checkEntryName(node, 'robot/cam-1/left')).toBe('robot/cam-1/left');
	});

	it.each([
		['bucket', ''],
		['bucket', 'has space'],
		['bucket', 'a/b'],
		['bucket', 'dot.ted'],
		['entry', '/leading'],
		['entry', 'trailing/'],
		['entry', 'a//b'],
		['entry', 'ü'],
	])('refuses the %s name %j', (kind, value) => {
		const check = kind === 'bucket' ? checkBucketName : checkEntryName;
		const { message } = error(() => check(node, value, kind));
		expect(message.startsWith(`Invalid "${kind === 'bucket' ? 'Bucket' : 'Entry'}": `)).toBe(true);
	});

	it('keeps token and replication names out of URL trouble', () => {
		expect(checkPlainName(node, 'camera-writer', 'tokenName')).toBe('camera-writer');
		expect(error(() => checkPlainName(node, 'a/b', 'tokenName')).message).toBe(
			'Invalid "Token Name": "a/b" must not contain spaces or the characters / \\ ? # %',
		);
		expect(error(() => checkPlainName(node, ' ', 'replicationName')).message).toBe(
			'Invalid "Replication Name": it must not be empty',
		);
	});
});

describe('labels', () => {
	it('lower-cases names, keeps values, and builds the headers', () => {
		const labels = checkLabels(node, [
			{ name: 'Sensor', value: 'Kitchen' },
			{ name: 'n', value: 7 },
			{ name: 'list', value: 'a,b' },
		]);
		expect(labels).toEqual({ sensor: 'Kitchen', n: '7', list: 'a,b' });
		expect(labelHeaders(labels)).toEqual({
			'x-reduct-label-sensor': 'Kitchen',
			'x-reduct-label-n': '7',
			'x-reduct-label-list': 'a,b',
		});
	});

	it('reads a fixedCollection value or a plain object', () => {
		expect(labelEntries({ label: [{ name: 'a', value: '1' }] })).toEqual([
			{ name: 'a', value: '1' },
		]);
		expect(labelEntries({ a: '1', b: 2 })).toEqual([
			{ name: 'a', value: '1' },
			{ name: 'b', value: 2 },
		]);
		expect(labelEntries({})).toEqual([]);
		expect(labelEntries({ label: undefined })).toEqual([]);
		expect(labelEntries(undefined)).toEqual([]);
	});

	it('refuses names, values and sets the server would not take', () => {
		const fail = (entries: Array<{ name?: unknown; value?: unknown }>, rule = {}) =>
			error(() => checkLabels(node, entries, 'labels', 0, rule)).message;
		expect(fail([{ name: '', value: 'x' }])).toBe('Invalid "Labels": every label needs a name');
		expect(fail([{ name: 'a=b', value: 'x' }])).toBe(
			'Invalid "Labels": label name "a=b" may contain only letters, digits, "-" and "_"',
		);
		expect(fail([{ name: 'a', value: '' }])).toBe('Invalid "Labels": label "a" has no value');
		expect(
			fail([
				{ name: 'a', value: 'x' },
				{ name: 'A', value: 'y' },
			]),
		).toBe('Invalid "Labels": label "a" is given twice');
		expect(fail([{ name: 'a', value: 'line\nbreak' }])).toMatch(/printable ASCII/);
		expect(fail([{ name: 'q', value: 'say "hi"' }], { forBatch: true })).toBe(
			'Invalid "Labels": the value of label "q" contains a double quote, which batched writes cannot carry',
		);
		expect(checkLabels(node, [{ name: 'q', value: 'say "hi"' }])).toEqual({ q: 'say "hi"' });
		expect(
			checkLabels(node, [{ name: 'gone', value: '' }], 'removeLabels', 0, { allowEmpty: true }),
		).toEqual({ gone: '' });
		const many = Array.from({ length: MAX_LABELS }, (_, i) => ({ name: `l${i}`, value: 'v' }));
		expect(Object.keys(checkLabels(node, many))).toHaveLength(MAX_LABELS);
		expect(fail([...many, { name: 'one-more', value: 'v' }])).toBe(
			'Invalid "Labels": 81 labels are too many: a record can carry at most 80',
		);
		expect(fail([{ name: 'a', value: 'x'.repeat(8192) }])).toBe(
			'Invalid "Labels": the labels take 8193 bytes: names and values together must fit in 8192 bytes',
		);
	});
});

describe('when conditions and lists', () => {
	it('parses JSON text, passes objects, treats empty as none', () => {
		expect(parseWhen(node, '{"&n": {"$gt": 1}}')).toEqual({ '&n': { $gt: 1 } });
		expect(parseWhen(node, { '&n': { $lt: 2 } })).toEqual({ '&n': { $lt: 2 } });
		expect(parseWhen(node, '')).toBeUndefined();
		expect(parseWhen(node, '  {} ')).toBeUndefined();
		expect(parseWhen(node, undefined)).toBeUndefined();
	});

	it('names the parameter for malformed JSON and non-objects', () => {
		expect(error(() => parseWhen(node, '{"&n": ', 'when', 2)).message).toMatch(
			/^Invalid "When Condition": it is not valid JSON \(.+\)$/,
		);
		expect(error(() => parseWhen(node, '[1]')).message).toBe(
			'Invalid "When Condition": it must be a JSON object, e.g. {"&score": {"$gt": 10}}',
		);
		expect(error(() => parseWhen(node, '3')).message).toMatch(/must be a JSON object/);
	});

	it('splits comma lists', () => {
		expect(parseList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
		expect(parseList(['x', ' y '])).toEqual(['x', 'y']);
		expect(parseList(undefined)).toEqual([]);
	});
});
