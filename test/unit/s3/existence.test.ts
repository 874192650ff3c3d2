/**
 * How a Delete Many tells which keys exist before deleting (drivers/s3/existence.ts): the
 * listing of the keys' range, against a stub client that answers ListObjectsV2 the way S3
 * does (keys in UTF-8 order, 1,000 a page, StartAfter exclusive, continuation tokens).
 */
import { S3Connection, listedKeys, readS3Config } from '../../../nodes/shared/storage/drivers/s3';
import { AuthError, ContainerNotFoundError } from '../../../nodes/shared/storage/errors';

const config = readS3Config({
	provider: 'custom',
	endpoint: 'http://127.0.0.1:9',
	accessKeyId: 'AKID',
	secretAccessKey: 'secret',
});

const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

interface ListInput {
	Prefix?: string;
	StartAfter?: string;
	ContinuationToken?: string;
	MaxKeys: number;
}

/** A bucket holding `stored`, listed as S3 lists it; every request's input is kept. */
function bucketOf(stored: string[], fail?: Error) {
	const keys = [...stored].sort(utf8);
	const requests: ListInput[] = [];
	const client = {
		async send(command: { constructor: { name: string }; input: ListInput }) {
			if (command.constructor.name !== 'ListObjectsV2Command')
				throw new Error(`unexpected ${command.constructor.name}`);
			requests.push(command.input);
			if (fail) throw fail;
			const { Prefix = '', StartAfter, ContinuationToken, MaxKeys } = command.input;
			const from = ContinuationToken
				? Number(ContinuationToken)
				: keys.findIndex(
						(key) => key.startsWith(Prefix) && (!StartAfter || utf8(key, StartAfter) > 0),
					);
			const matching = from < 0 ? [] : keys.slice(from).filter((key) => key.startsWith(Prefix));
			const page = matching.slice(0, MaxKeys);
			const truncated = matching.length > MaxKeys;
			return {
				Contents: page.map((Key) => ({ Key, Size: 1 })),
				IsTruncated: truncated,
				NextContinuationToken: truncated ? String(from + MaxKeys) : undefined,
			};
		},
	};
	const connection = new S3Connection(client as never, config);
	// Errors as the real client maps them (the stub throws typed errors already).
	connection.send = async <T>(command: unknown) => (await client.send(command as never)) as T;
	return { connection, requests };
}

const range = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('listedKeys: one listing of the keys range instead of a HEAD per key', () => {
	it('lists from the first key under the common prefix, once for keys side by side', async () => {
		const { connection, requests } = bucketOf([...range('dir/', 50), 'other/x']);
		const keys = ['dir/0007', 'dir/0003', 'dir/0042', 'dir/missing'];
		const listed = await listedKeys(connection, 'b', keys);
		expect([...listed].filter((key) => keys.includes(key)).sort()).toEqual([
			'dir/0003',
			'dir/0007',
			'dir/0042',
		]);
		expect(requests).toEqual([
			expect.objectContaining({ Prefix: 'dir/', StartAfter: 'dir/000', MaxKeys: 1000 }),
		]);
	});

	it('stops as soon as the listing passes the last key', async () => {
		const { connection, requests } = bucketOf(range('k/', 5000));
		const listed = await listedKeys(connection, 'b', ['k/0001', 'k/0900']);
		expect(listed.has('k/0001') && listed.has('k/0900')).toBe(true);
		expect(requests).toHaveLength(1);
	});

	it('reads at most one page per 1,000 keys plus one: scattered keys are left to HEAD', async () => {
		const { connection, requests } = bucketOf(range('k/', 5000));
		const listed = await listedKeys(connection, 'b', ['k/0000', 'k/4999']);
		expect(requests).toHaveLength(2);
		expect(listed.has('k/0000')).toBe(true);
		expect(listed.has('k/4999')).toBe(false);
	});

	it('orders keys as S3 does (UTF-8 bytes) and never cuts a character in two', async () => {
		// U+FF61 sorts before an emoji in UTF-8, after it in JavaScript's UTF-16 order.
		const { connection, requests } = bucketOf(['p/\uFF61', 'p/😀', 'x😀']);
		const listed = await listedKeys(connection, 'b', ['p/😀', 'p/\uFF61']);
		expect([...listed].sort()).toEqual(['p/😀', 'p/\uFF61'].sort());
		expect(requests[0]).toMatchObject({ Prefix: 'p/', StartAfter: 'p/' });
		const single = bucketOf(['x😀']);
		await listedKeys(single.connection, 'b', ['x😀']);
		expect(single.requests[0]).toMatchObject({ Prefix: 'x😀', StartAfter: 'x' });
	});

	it('shows nothing when the credential may not list (HEAD decides), and throws for a missing bucket', async () => {
		const refused = bucketOf(['a'], new AuthError('S3 denied access to bucket "b"'));
		expect((await listedKeys(refused.connection, 'b', ['a'])).size).toBe(0);
		const gone = bucketOf([], new ContainerNotFoundError('b'));
		await expect(listedKeys(gone.connection, 'b', ['a'])).rejects.toMatchObject({
			code: 'ContainerNotFound',
		});
		const none = bucketOf([]);
		expect((await listedKeys(none.connection, 'b', [])).size).toBe(0);
		expect(none.requests).toHaveLength(0);
	});
});
