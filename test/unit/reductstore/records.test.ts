import { Readable } from 'stream';

import {
	batchErrors,
	batchHeaderValue,
	BodySplitter,
	metaFromBatchHeaders,
	metaFromHeaders,
	queryRequest,
	recordFileName,
	recordJson,
	splitCsv,
} from '../../../nodes/ReductStore/records';
import {
	chunkBatch,
	MAX_BATCH_HEADER_BYTES,
	MAX_BATCH_RECORDS,
} from '../../../nodes/ReductStore/actions/record/writeBatch';

async function text(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString();
}

describe('batch protocol', () => {
	it('splits CSV values on commas outside quotes', () => {
		expect(splitCsv('5,text/plain,a=1,b="x,y",c=')).toEqual([
			'5',
			'text/plain',
			'a=1',
			'b="x,y"',
			'c=',
		]);
		expect(splitCsv('0')).toEqual(['0']);
	});

	it('reads record metadata from batch headers, in timestamp order', () => {
		const records = metaFromBatchHeaders('b', 'e', {
			'x-reduct-time-30': '2,application/json',
			'x-reduct-time-10': '5,text/plain,k=1,list="a,b",eq=x=y',
			'x-reduct-time-20': '0,,empty=',
			'x-reduct-last': 'true',
			'x-reduct-time-bogus': '1',
			'content-length': '7',
		});
		expect(records).toEqual([
			{
				bucket: 'b',
				entry: 'e',
				timestamp: 10n,
				size: 5,
				contentType: 'text/plain',
				labels: { k: '1', list: 'a,b', eq: 'x=y' },
			},
			{
				bucket: 'b',
				entry: 'e',
				timestamp: 20n,
				size: 0,
				contentType: 'application/octet-stream',
				labels: { empty: '' },
			},
			{
				bucket: 'b',
				entry: 'e',
				timestamp: 30n,
				size: 2,
				contentType: 'application/json',
				labels: {},
			},
		]);
	});

	it('writes header values the reader (and the server) parse back', () => {
		const value = batchHeaderValue(12, 'image/jpeg', { k: '1', list: 'a,b' });
		expect(value).toBe('12,image/jpeg,k=1,list="a,b"');
		expect(metaFromBatchHeaders('b', 'e', { 'x-reduct-time-7': value })[0]).toMatchObject({
			size: 12,
			contentType: 'image/jpeg',
			labels: { k: '1', list: 'a,b' },
		});
	});

	it('reads per-record errors, in both spellings of the header', () => {
		const errors = batchErrors({
			'x-reduct-error-100': '409,A record with timestamp 100 already exists',
			'x-reduct-errors-200': '404,No record, anywhere',
			'x-reduct-error': 'not per record',
		});
		expect([...errors.entries()]).toEqual([
			['100', { status: 409, message: 'A record with timestamp 100 already exists' }],
			['200', { status: 404, message: 'No record, anywhere' }],
		]);
	});

	it('cuts batches at the record count and header budget', () => {
		const small = Array.from({ length: 170 }, () => ({ header: '1,text/plain' }));
		expect(chunkBatch(small).map((chunk) => chunk.length)).toEqual([
			MAX_BATCH_RECORDS,
			MAX_BATCH_RECORDS,
			10,
		]);
		const big = Array.from({ length: 70 }, () => ({ header: 'x'.repeat(8 * 1024) }));
		const chunks = chunkBatch(big);
		expect(chunks.length).toBeGreaterThan(2);
		for (const chunk of chunks) {
			expect(chunk.reduce((sum, r) => sum + r.header.length + 40, 0)).toBeLessThanOrEqual(
				MAX_BATCH_HEADER_BYTES,
			);
		}
		expect(chunks.flat()).toHaveLength(70);
		expect(chunkBatch([])).toEqual([]);
	});
});

describe('single-record headers', () => {
	it('gives timestamp, size, type and labels', () => {
		const meta = metaFromHeaders('b', 'robot/cam', {
			'x-reduct-time': '1769860800123456',
			'content-length': '3',
			'content-type': 'image/png',
			'x-reduct-label-side': 'left',
			'x-reduct-api': '1.21',
		});
		expect(meta).toEqual({
			bucket: 'b',
			entry: 'robot/cam',
			timestamp: 1769860800123456n,
			size: 3,
			contentType: 'image/png',
			labels: { side: 'left' },
		});
		expect(recordJson(meta)).toEqual({
			bucket: 'b',
			entry: 'robot/cam',
			timestamp: 1769860800123456,
			time: '2026-01-31T12:00:00.123456Z',
			size: 3,
			contentType: 'image/png',
			labels: { side: 'left' },
		});
		expect(recordFileName(meta)).toBe('cam-1769860800123456');
	});
});

describe('query request', () => {
	it('sends bounds as numbers and the limit as $limit', () => {
		expect(queryRequest({})).toEqual({ query_type: 'QUERY', ttl: 300 });
		expect(
			queryRequest({ start: 5n, stop: 10n, limit: 3, strict: true, onlyMetadata: true }),
		).toEqual({
			query_type: 'QUERY',
			ttl: 300,
			start: 5,
			stop: 10,
			when: { $limit: 3 },
			strict: true,
			only_metadata: true,
		});
		expect(queryRequest({ when: { '&a': { $eq: 1 }, $limit: 2 }, limit: 10 }).when).toEqual({
			'&a': { $eq: 1 },
			$limit: 2,
		});
		expect(queryRequest({ when: { '&a': { $eq: 1 }, $limit: 20 }, limit: 10 }).when).toEqual({
			'&a': { $eq: 1 },
			$limit: 10,
		});
	});
});

describe('BodySplitter', () => {
	it('hands out each record body across chunk boundaries', async () => {
		const source = Readable.from([
			Buffer.from('hel'),
			Buffer.from('loworl'),
			Buffer.from('d!'),
			Buffer.from('xyz'),
		]);
		const splitter = new BodySplitter(source);
		expect(await text(splitter.take(5))).toBe('hello');
		expect(await text(splitter.take(0))).toBe('');
		await splitter.skip(2);
		expect(await text(splitter.take(4))).toBe('rld!');
		expect(await text(splitter.take(3))).toBe('xyz');
		splitter.close();
	});

	it('settles a body nobody read to its end', async () => {
		const splitter = new BodySplitter(Readable.from([Buffer.from('aaaabbbb')]));
		const first = splitter.take(4);
		const reader = first[Symbol.asyncIterator]();
		await reader.next(); // reads part, then is abandoned
		await splitter.settle();
		expect(await text(splitter.take(4))).toBe('bbbb');
	});

	it('fails when the response ends early', async () => {
		const splitter = new BodySplitter(Readable.from([Buffer.from('abc')]));
		await expect(text(splitter.take(10))).rejects.toThrow(
			"The server's response ended 7 bytes before the end of the record",
		);
	});
});
