/**
 * What a truthful S3 delete costs, on 1,000 keys against the local Swift s3api
 * (test/servers/swift). S3 answers DeleteObject(s) the same whether or not a key existed,
 * so the pack checks first (nodes/shared/storage/drivers/s3/existence.ts); this prints the
 * price of each way to check beside the bare DeleteObjects (the baseline: what the pack sent
 * before, and what the SDK alone does):
 * - DeleteObjects of 1,000 keys, alone;
 * - HeadObject of 1,000 keys at 1, 16 and 32 in flight (checking by HEAD alone);
 * - ListObjectsV2 of the 1,000 keys' range (checking by listing);
 * - the pack's Delete Many (the keys' range listed, HEAD for what the listing did not show,
 *   DeleteObjects of what exists) on 1,000 existing keys, on 1,000 keys of which every
 *   other one is missing, and on 1,000 missing ones;
 * - one Delete: DeleteObject alone beside the pack's HEAD + DeleteObject, 100 keys in a row.
 * Each case runs in 3 rounds (the machine is shared: the median is printed, with every run)
 * and prints the requests it sent, which do not vary.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';

import { S3Service } from '../nodes/shared/storage/drivers/s3';
import { deleteBatch } from '../nodes/shared/storage/drivers/s3/delete';
import { listedKeys } from '../nodes/shared/storage/drivers/s3/existence';
import { pool } from '../nodes/shared/storage/pool';
import { measure, printTable, type Measurement } from './lib/measure';

const KEYS = 1000;
const SINGLE = 100;
const ROUNDS = 3;

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

interface Case {
	label: string;
	/** Brings the bucket into the state the case starts from (not timed). */
	prepare?: () => Promise<unknown>;
	run: () => Promise<unknown>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
	const s3 = await S3Service.fromCredential(swiftCredential());
	const bucket = `bench-deletes-${process.pid}-${Date.now().toString(36)}`;
	await s3.createBucket(bucket);
	const keys = Array.from({ length: KEYS }, (_, i) => `k/${String(i).padStart(4, '0')}`);
	const few = keys.slice(0, SINGLE);
	const store = (some: string[]) => pool(some, 16, (key) => s3.uploadData(bucket, key, key));
	const requests: Record<string, number> = {};
	s3.client.middlewareStack.add(
		(next, context) => async (args) => {
			const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
			requests[name] = (requests[name] ?? 0) + 1;
			return await next(args);
		},
		{ step: 'initialize' },
	);
	const deleteMany = (existing: number) => async () => {
		const deleted = (await s3.deleteObjects(bucket, keys)).filter((r) => r.deleted).length;
		if (deleted !== existing) throw new Error(`${deleted} reported deleted, ${existing} existed`);
	};
	const cases: Case[] = [
		{
			label: 'DeleteObjects alone, 1,000 existing keys (no check: the baseline)',
			prepare: () => store(keys),
			run: () => deleteBatch(s3, bucket, keys),
		},
		...[1, 16, 32].map((concurrency, index) => ({
			label: `Check by HEAD: HeadObject × 1,000, ${concurrency} in flight`,
			prepare: index === 0 ? () => store(keys) : undefined,
			run: () =>
				pool(keys, concurrency, (key) =>
					s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
				),
		})),
		{
			label: "Check by listing: ListObjectsV2 of the keys' range",
			run: async () => {
				const listed = await listedKeys(s3, bucket, keys);
				if (listed.size !== KEYS) throw new Error(`listed ${listed.size}`);
			},
		},
		{ label: 'Delete Many (pack): 1,000 existing keys', run: deleteMany(KEYS) },
		{
			label: 'Delete Many (pack): 500 existing, 500 missing',
			prepare: () => store(keys.filter((_, index) => index % 2 === 0)),
			run: deleteMany(KEYS / 2),
		},
		{ label: 'Delete Many (pack): 1,000 missing keys', run: deleteMany(0) },
		{
			label: `DeleteObject alone × ${SINGLE}, one after another`,
			prepare: () => store(few),
			run: async () => {
				for (const key of few)
					await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
			},
		},
		{
			label: `Delete (pack) × ${SINGLE}: HEAD + DeleteObject, one after another`,
			prepare: () => store(few),
			run: async () => {
				for (const key of few) await s3.deleteObject(bucket, key);
			},
		},
	];
	const seconds = cases.map(() => [] as number[]);
	const sent = cases.map(() => '');
	try {
		for (let round = 0; round < ROUNDS; round++) {
			for (const [index, item] of cases.entries()) {
				await item.prepare?.();
				for (const name of Object.keys(requests)) delete requests[name];
				seconds[index].push((await measure(item.label, item.run)).seconds);
				sent[index] = Object.entries(requests)
					.map(([name, count]) => `${name} × ${count.toLocaleString('en')}`)
					.join(', ');
			}
		}
	} finally {
		await s3.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3.destroy();
	}
	const rows: Measurement[] = cases.map((item, index) => ({
		label: item.label,
		seconds: median(seconds[index]),
		note: `${sent[index]} (runs: ${seconds[index].map((value) => value.toFixed(1)).join(' / ')} s)`,
	}));
	printTable(
		`S3 deletes on ${KEYS.toLocaleString('en')} keys against Swift's s3api (median of ${ROUNDS} rounds; requests sent)`,
		rows,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
