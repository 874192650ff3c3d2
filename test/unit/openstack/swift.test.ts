import { createHmac } from 'crypto';

import { listedObject } from '../../../nodes/shared/storage/drivers/swift/driver';
import {
	isoTime,
	metadataFrom,
	metadataHeaders,
} from '../../../nodes/shared/storage/drivers/swift/client';
import {
	assertSwiftContainer,
	assertSwiftMetadata,
	assertSwiftObject,
	swiftPath,
} from '../../../nodes/shared/storage/drivers/swift/names';
import { describeObject } from '../../../nodes/shared/storage/drivers/swift/objects';
import { signTempUrl } from '../../../nodes/shared/storage/drivers/swift/tempUrl';
import { InvalidNameError } from '../../../nodes/shared/storage/errors';

describe('Swift names, metadata and paths', () => {
	it('accepts what Swift accepts and encodes every segment', () => {
		expect(() => assertSwiftContainer('my container ü')).not.toThrow();
		expect(() => assertSwiftObject('a/b c/ü?#.txt')).not.toThrow();
		expect(swiftPath('my container', 'a/b c/ü?#.txt')).toBe(
			'/my%20container/a/b%20c/%C3%BC%3F%23.txt',
		);
	});

	it.each([
		[() => assertSwiftContainer(''), 'The "Container" must not be empty'],
		[() => assertSwiftContainer('a/b'), 'The "Container" "a/b" must not contain "/"'],
		[
			() => assertSwiftContainer('ü'.repeat(129)),
			'The "Container" is 258 bytes long; Swift allows at most 256',
		],
		[
			() => assertSwiftObject('x'.repeat(1025), 'Object'),
			'The "Object" is 1025 bytes long; Swift allows at most 1024',
		],
		[
			() => assertSwiftObject('a/./b', 'Object'),
			'The "Object" "a/./b" must not contain "." or ".." segments (they would be read as a path)',
		],
		[
			() => assertSwiftMetadata({ 'a b': 'x' }),
			'"Metadata" name "a b" may only hold letters, digits and - _ . (it becomes an HTTP header)',
		],
		[
			() => assertSwiftMetadata({ a: 'x\ny' }),
			'"Metadata" "a" must be printable ASCII text (Swift keeps metadata in HTTP headers)',
		],
		[() => assertSwiftMetadata({ a: 'x'.repeat(257) }), '"Metadata" "a" is longer than 256 bytes'],
	])('refuses bad input with a message naming the parameter (%#)', (check, message) => {
		let error: unknown;
		try {
			check();
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InvalidNameError);
		expect((error as Error).message).toBe(message);
	});

	it('reads metadata headers back, lower-cased, and writes them as X-*-Meta-*', () => {
		expect(metadataHeaders({ Owner: 'ops' }, 'object')).toEqual({ 'X-Object-Meta-Owner': 'ops' });
		expect(
			metadataFrom(
				{ 'x-container-meta-owner': 'ops', 'x-container-meta-temp-url-key': 'k' },
				'container',
				['temp-url-key'],
			),
		).toEqual({
			owner: 'ops',
		});
	});

	it('describes objects: a large object has no MD5, times are ISO 8601', () => {
		expect(isoTime('2026-12-02T07:37:51.254990')).toBe('2026-12-02T07:37:51.254Z');
		expect(isoTime('Wed, 02 Dec 2026 07:37:51 GMT')).toBe('2026-12-02T07:37:51.000Z');
		const large = describeObject('c', 'k', {
			etag: '"abc"',
			'x-static-large-object': 'True',
			'content-length': '10',
			'x-delete-at': '1796196582',
		});
		expect(large).toMatchObject({
			largeObject: 'static',
			md5: undefined,
			size: 10,
			deleteAt: '2026-12-02T07:29:42.000Z',
		});
		const plain = describeObject('c', 'k', {
			etag: 'b1946ac92492d2347c6235b4d2611184',
			'content-length': '6',
		});
		expect(plain.md5).toBe('b1946ac92492d2347c6235b4d2611184');
		expect(listedObject('c', { name: 'big', bytes: 6, hash: 'x', slo_etag: '"e"' })).toMatchObject({
			largeObject: 'static',
			etag: 'e',
			md5: undefined,
		});
	});
});

describe('temporary URLs', () => {
	const sign = (text: string) => createHmac('sha256', 'secret-key').update(text).digest('hex');

	it('signs the path from /v1/, also behind a gateway prefix, and encodes the URL', () => {
		const url = signTempUrl(
			'https://api.pub1.infomaniak.cloud/object-store/v1/AUTH_p1',
			'secret-key',
			'GET',
			'my files',
			'a b/ü.txt',
			1800000000,
		);
		expect(url).toBe(
			`https://api.pub1.infomaniak.cloud/object-store/v1/AUTH_p1/my%20files/a%20b/%C3%BC.txt?temp_url_sig=${sign('GET\n1800000000\n/v1/AUTH_p1/my files/a b/ü.txt')}&temp_url_expires=1800000000`,
		);
		const put = signTempUrl('http://127.0.0.1:8080/v1/AUTH_p1/', 'secret-key', 'PUT', 'c', 'o', 42);
		expect(put).toBe(
			`http://127.0.0.1:8080/v1/AUTH_p1/c/o?temp_url_sig=${sign('PUT\n42\n/v1/AUTH_p1/c/o')}&temp_url_expires=42`,
		);
	});
});
