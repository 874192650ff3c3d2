/**
 * What a truthful S3 delete costs, on 1,000 keys against the local Swift s3api
 * (test/servers/swift). S3 answers DeleteObject(s) the same whether or not a key existed,
 * so the pack checks first (nodes/shared/storage/drivers/s3/existence.ts); this prints the
 * price of each way to check beside the bare DeleteObjects (the baseline: what the pack sent
 * before, and what the SDK alone does):
 * - DeleteObjects of 1,000 keys, alone;
 * - HeadObject of 1,000 keys at 1, 4, 16 and 32 in flight (checking by HEAD alone);
 * - ListObjectsV2 of the 1,000 keys' range (checking by listing);
 * - the pack's Delete Many (the keys' range listed, HEAD for what the listing did not show,
 *   DeleteObjects of what exists) on 1,000 existing keys, on 1,000 keys of which every
 *   other one is missing, and on 1,000 missing ones;
 * - one Delete: DeleteObject alone beside the pack's HEAD + DeleteObject, 100 keys in a row.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';

import { S3Service } from '../nodes/shared/storage/drivers/s3';
import { deleteBatch } from '../nodes/shared/storage/drivers/s3/delete';
import { pool } from '../nodes/shared/storage/drivers/s3/pool';
import { measure, printTable, type Measurement } from './lib/measure';

const KEYS = 1000;
const SINGLE = 100;

function swiftCredential(): Record<string, unknown> {
	const file = [
		path.resolve(__dirname, '../.dev/servers/swift.json'),
		path.resolve(__dirname, '../../../.dev/servers/swift.json'),
	].find(existsSync);
	if (!file) throw new Error('.dev/servers/swift.json is missing: run test/servers/up.sh first');
	const swift = JSON.parse(readFileSync(file, 'utf8'));
	return {
		provider: 'custom',
		endpoint: swift.s3Endpoint,
		region: swift.region,
		forcePathStyle: true,
		accessKeyId: swift.accessKeyId,
		secretAccessKey: swift.secretAccessKey,
	};
}

async function main() {
	const s3 = await S3Service.fromCredential(swiftCredential());
	const bucket = `bench-deletes-${process.pid}-${Date.now().toString(36)}`;
	await s3.createBucket(bucket);
	const keys = Array.from({ length: KEYS }, (_, i) => `k/${String(i).padStart(4, '0')}`);
	const fill = () => pool(keys, 16, (key) => s3.uploadData(bucket, key, key));
	const heads = (concurrency: number) => async () => {
		await pool(keys, concurrency, (key) =>
			s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
		);
	};
	const rows: Measurement[] = [];
	try {
		await fill();
		rows.push(
			await measure(
				'DeleteObjects, 1,000 existing keys (no check)',
				() => deleteBatch(s3, bucket, keys),
				'baseline: 1 request',
			),
		);
		await fill();
		for (const concurrency of [1, 4, 16, 32])
			rows.push(await measure(`HeadObject × 1,000, ${concurrency} in flight`, heads(concurrency)));
		rows.push(
			await measure(
				"ListObjectsV2 over the keys' prefix",
				async () => {
					let count = 0;
					for await (const entry of s3.listObjects(bucket, { prefix: 'k/' }))
						if (entry.type === 'object') count++;
					if (count !== KEYS) throw new Error(`listed ${count}`);
				},
				'keys side by side: 1 page',
			),
		);
		const deleteMany = (label: string, note: string, existing: number) =>
			measure(
				label,
				async () => {
					const answer = await s3.deleteObjects(bucket, keys);
					const deleted = answer.filter((result) => result.deleted).length;
					if (deleted !== existing) throw new Error(`${deleted} deleted, ${existing} existed`);
				},
				note,
			);
		rows.push(
			await deleteMany(
				'Delete Many (pack): 1,000 existing keys',
				'1 listing + 1 DeleteObjects',
				KEYS,
			),
		);
		await pool(
			keys.filter((_, index) => index % 2 === 0),
			16,
			(key) => s3.uploadData(bucket, key, key),
		);
		rows.push(
			await deleteMany(
				'Delete Many (pack): 500 existing, 500 missing',
				'1 listing + 500 HEAD + 1 DeleteObjects',
				KEYS / 2,
			),
		);
		rows.push(
			await deleteMany(
				'Delete Many (pack): 1,000 missing keys',
				'1 listing + 1,000 HEAD, nothing deleted',
				0,
			),
		);
		const few = keys.slice(0, SINGLE);
		await pool(few, 16, (key) => s3.uploadData(bucket, key, key));
		rows.push(
			await measure(`DeleteObject alone × ${SINGLE}, one after another`, async () => {
				for (const key of few)
					await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
			}),
		);
		await pool(few, 16, (key) => s3.uploadData(bucket, key, key));
		rows.push(
			await measure(
				`Delete (pack): HEAD + DeleteObject × ${SINGLE}, one after another`,
				async () => {
					for (const key of few) await s3.deleteObject(bucket, key);
				},
			),
		);
	} finally {
		await s3.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3.destroy();
	}
	printTable(`S3 deletes on ${KEYS.toLocaleString('en')} keys against Swift's s3api`, rows);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
