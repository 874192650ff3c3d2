/**
 * S3 benchmark against the local Swift s3api (test/servers/swift), in one run:
 * - 1 GiB (BENCH_MIB) upload and download through the pack's S3 node inside a real n8n (filesystem
 *   binary mode): n8n's peak RSS beside a no-op workflow's, and the node's time beside
 *   the official SDK streaming the same file to the same server (lib-storage upload,
 *   GetObject piped to disk), and beside n8n's built-in S3 node (awsS3 v2) in the same n8n;
 *   the download also through the Cloud Storage node (s3 backend), checked against the
 *   download targets (bench/lib/targets.ts);
 * - listing 100,000 objects: the S3 node (Return All) beside the SDK's own paginator.
 */
import { execFileSync, spawn } from 'child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'fs';
import * as http from 'http';
import * as path from 'path';

import { S3Service } from '../nodes/shared/storage/drivers/s3';
import { N8nInstance, PROJECT, parseRun, type RunResult } from '../test/e2e/harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from '../test/e2e/harness/workflow';
import { storageDownloadWorkflow } from './lib/storageDownload';
import {
	RSS_SAMPLE_ENV,
	peakWhileNodeRan,
	printTable,
	profileOf,
	verdict,
	type Measurement,
	type RssReport,
} from './lib/measure';
import { BENCH_BYTES, BENCH_SIZE_LABEL, benchSource } from './lib/size';
import { printDownloadTargets } from './lib/targets';

const MiB = 1024 ** 2;
/** lib-storage's defaults, for the SDK and the pack alike. */
const PART_SIZE = 5 * MiB;
const QUEUE_SIZE = 4;
const LIST_COUNT = 100_000;
/** A dot in the name makes n8n's built-in S3 node address it path-style (needed for a custom endpoint). */
const BUCKET = 'bench.cloud-pack';
const LIST_BUCKET = 'bench.cloud-pack-list';
const PRELOAD = [
	path.resolve(__dirname, 'lib/maxrss-preload.js'),
	path.join(PROJECT, 'bench/lib/maxrss-preload.js'),
].find(existsSync)!;

interface Swift {
	s3Endpoint: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}

interface WorkflowRun extends Measurement {
	run?: RunResult;
	/** ms n8n reports for one node of the run */
	nodeSeconds?: number;
	/** peak RSS sampled while that node ran, MiB */
	nodePeakRssMiB?: number;
}

/**
 * `n8n execute` with the max-RSS preload: wall time, peak RSS of the n8n process and the run
 * data. Its output goes to a file: through a pipe, n8n exits before a large run (100,000
 * items) is fully written.
 */
async function runWorkflow(
	n8n: N8nInstance,
	id: string,
	label: string,
	node?: string,
): Promise<WorkflowRun> {
	const rssFile = path.join(n8n.folder, `maxrss-${id}-${Date.now()}.jsonl`);
	const outFile = path.join(n8n.folder, `run-${id}-${Date.now()}.out`);
	const out = openSync(outFile, 'w');
	const started = process.hrtime.bigint();
	const code = await new Promise<number>((resolve) => {
		const child = spawn(
			n8n.binaries.node,
			[n8n.binaries.n8n, 'execute', `--id=${id}`, '--rawOutput'],
			{
				env: {
					...n8n.env(),
					NODE_OPTIONS: `--require ${PRELOAD}`,
					CLOUD_PACK_MAXRSS_FILE: rssFile,
					...RSS_SAMPLE_ENV,
				},
				cwd: n8n.folder,
				stdio: ['ignore', out, out],
			},
		);
		child.on('exit', (exitCode) => resolve(exitCode ?? 1));
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	closeSync(out);
	const printed = readFileSync(outFile, 'utf8');
	rmSync(outFile, { force: true });
	let run: RunResult | undefined;
	let note: string | undefined;
	try {
		run = parseRun(printed);
	} catch {
		note = `FAILED (exit ${code}): ${firstError(printed)}`;
	}
	const lines = existsSync(rssFile)
		? readFileSync(rssFile, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line))
		: [];
	rmSync(rssFile, { force: true });
	const main = lines.filter((line) => line.main === n8n.binaries.n8n);
	const peak = Math.max(0, ...(main.length ? main : lines).map((line) => line.maxRssKiB as number));
	let nodeSeconds: number | undefined;
	let nodePeakRssMiB: number | undefined;
	if (run && node) {
		const runs = run.raw.data.resultData.runData[node] as
			Array<{ executionTime: number; error?: { message?: string } }> | undefined;
		const last = runs?.[runs.length - 1];
		nodeSeconds = last ? last.executionTime / 1000 : undefined;
		const error = last?.error ?? run.raw.data.resultData.error;
		if (error) note = `FAILED: ${error.message}`;
		nodePeakRssMiB = peakWhileNodeRan(
			(main[0] ?? lines[0]) as RssReport | undefined,
			run.raw.data.resultData.runData,
			node,
		);
	}
	const during =
		nodePeakRssMiB === undefined ? '' : `; ${nodePeakRssMiB.toFixed(0)} MiB peak while it ran`;
	return {
		label,
		seconds: nodeSeconds ?? seconds,
		peakRssMiB: peak ? peak / 1024 : undefined,
		run,
		nodeSeconds,
		nodePeakRssMiB,
		profile: profileOf((main[0] ?? lines[0]) as RssReport | undefined),
		note: note ?? (node ? `node time; whole run ${seconds.toFixed(1)} s${during}` : 'whole run'),
	};
}

function firstError(printed: string): string {
	const message =
		/"message":\s*"([^"]+)"/.exec(printed)?.[1] ?? printed.trim().split('\n').slice(-3).join(' ');
	return message.slice(0, 200);
}

/** The SDK baseline, run by the same Node 24 binary as n8n, with the same RSS probe. */
function baseline(n8n: N8nInstance, label: string, script: string, args: string[]): Measurement {
	const rssFile = path.join(n8n.folder, `maxrss-baseline-${Date.now()}.jsonl`);
	const file = path.join(n8n.folder, `baseline-${Date.now()}.js`);
	writeFileSync(file, script);
	const printed = execFileSync(n8n.binaries.node, [file, ...args], {
		encoding: 'utf8',
		env: {
			...process.env,
			NODE_PATH: path.join(PROJECT, 'node_modules'),
			NODE_OPTIONS: `--require ${PRELOAD}`,
			CLOUD_PACK_MAXRSS_FILE: rssFile,
		},
		maxBuffer: 64 * 1024 * 1024,
	});
	rmSync(file, { force: true });
	const result = JSON.parse(printed.trim().split('\n').pop()!) as { seconds: number };
	const peak = Math.max(
		0,
		...readFileSync(rssFile, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line).maxRssKiB as number),
	);
	rmSync(rssFile, { force: true });
	return {
		label,
		seconds: result.seconds,
		peakRssMiB: peak / 1024,
		note: 'SDK alone, same Node 24, same server',
	};
}

const CLIENT = `
const http = require('http');
const { S3Client } = require('@aws-sdk/client-s3');
const [endpoint, region, accessKeyId, secretAccessKey] = process.argv.slice(2, 6);
const client = new S3Client({ region, endpoint, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey },
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }) } });
const timed = async (work) => { const t = process.hrtime.bigint(); const extra = await work(); client.destroy();
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t) / 1e9, ...extra })); };
`;

const SDK_UPLOAD = `${CLIENT}
const { Upload } = require('@aws-sdk/lib-storage');
const { createReadStream } = require('fs');
const [bucket, key, file, partSize, queueSize] = process.argv.slice(6);
timed(() => new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: Number(partSize), queueSize: Number(queueSize) }).done().then(() => ({})));
`;

const SDK_DOWNLOAD = `${CLIENT}
const { GetObjectCommand } = require('@aws-sdk/client-s3');
const { createWriteStream, statSync } = require('fs');
const { pipeline } = require('stream/promises');
const [bucket, key, file] = process.argv.slice(6);
timed(async () => { const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(answer.Body, createWriteStream(file)); return { bytes: statSync(file).size }; });
`;

const SDK_LIST = `${CLIENT}
const { paginateListObjectsV2 } = require('@aws-sdk/client-s3');
const [bucket] = process.argv.slice(6);
timed(async () => { let keys = 0;
  for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: bucket })) keys += (page.Contents || []).length;
  return { keys }; });
`;

/**
 * n8n's built-in S3 node reads the bucket region from GetBucketLocation as
 * \`LocationConstraint._\`; Swift (like AWS for us-east-1) answers an empty element and the
 * node crashes. This proxy answers that one request with the region spelled out and passes
 * every other request through unchanged (signatures still verify).
 */
async function locationProxy(
	target: string,
	region: string,
): Promise<{ url: string; close(): Promise<void> }> {
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		if (req.method === 'GET' && /[?&]location(=|&|$)/.test(req.url ?? '')) {
			res.writeHead(200, { 'content-type': 'application/xml' });
			res.end(
				`<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`,
			);
			return;
		}
		const forward = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as import('net').AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function fillListing(swift: Swift, s3: S3Service): Promise<number> {
	await s3.createBucket(LIST_BUCKET, { ifNotExists: true });
	let count = 0;
	for await (const entry of s3.listObjects(LIST_BUCKET)) if (entry.type === 'object') count++;
	if (count >= LIST_COUNT) return count;
	const etc = path.join(PROJECT, '.dev/servers/swift/etc');
	const devices = path.join(PROJECT, '.dev/servers/swift/devices');
	const account = `AUTH_${swift.accessKeyId.split(':')[0]}`;
	const script = path.join(PROJECT, 'bench/lib/swiftFillListing.py');
	return Number(
		execFileSync(
			existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3',
			[script, etc, devices, account, LIST_BUCKET, String(LIST_COUNT - count), `k/${Date.now()}-`],
			{ encoding: 'utf8' },
		).trim(),
	);
}

async function main() {
	const swiftFile = path.join(PROJECT, '.dev/servers/swift.json');
	if (!existsSync(swiftFile))
		throw new Error(`${swiftFile} is missing: run bash test/servers/swift/start.sh first`);
	const swift = JSON.parse(readFileSync(swiftFile, 'utf8')) as Swift;
	const dir = path.join(PROJECT, '.dev/bench/s3');
	mkdirSync(dir, { recursive: true });
	const source = await benchSource(dir);
	const credential = {
		provider: 'custom',
		authentication: 'accessKey',
		endpoint: swift.s3Endpoint,
		region: swift.region,
		forcePathStyle: true,
		accessKeyId: swift.accessKeyId,
		secretAccessKey: swift.secretAccessKey,
	};
	const s3 = await S3Service.fromCredential(credential);
	await s3.createBucket(BUCKET, { ifNotExists: true });
	const listed = await fillListing(swift, s3);
	console.log(`bucket ${LIST_BUCKET}: ${listed} objects`);

	const n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: dir });
	const proxy = await locationProxy(swift.s3Endpoint, swift.region);
	const sdkArgs = [swift.s3Endpoint, swift.region, swift.accessKeyId, swift.secretAccessKey];
	try {
		await n8n.importCredentials([
			{ id: 'benchS3Pack0001', name: 'Bench S3 (pack)', type: 'cloudPackS3Api', data: credential },
			{
				id: 'benchS3Aws00001',
				name: 'Bench S3 (n8n aws)',
				type: 'aws',
				data: {
					region: swift.region,
					accessKeyId: swift.accessKeyId,
					secretAccessKey: swift.secretAccessKey,
					customEndpoints: true,
					s3Endpoint: proxy.url,
				},
			},
		]);
		const pack = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: `${PACK}.s3`,
			parameters,
			credentials: { cloudPackS3Api: { id: 'benchS3Pack0001', name: 'Bench S3 (pack)' } },
		});
		const builtin = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: 'n8n-nodes-base.awsS3',
			typeVersion: 2,
			parameters,
			credentials: { aws: { id: 'benchS3Aws00001', name: 'Bench S3 (n8n aws)' } },
		});
		const readFile = {
			name: 'Read File',
			type: 'n8n-nodes-base.readWriteFile',
			parameters: { operation: 'read', fileSelector: source },
		};
		const options = { partSizeMiB: PART_SIZE / MiB, concurrency: QUEUE_SIZE };
		await n8n.importWorkflow(
			workflow('benchNoop', [manualTrigger, { name: 'No-op', type: 'n8n-nodes-base.noOp' }]),
		);
		await n8n.importWorkflow(workflow('benchReadOnly', [manualTrigger, readFile]));
		await n8n.importWorkflow(
			workflow('benchPackUp', [
				manualTrigger,
				readFile,
				pack('Upload', {
					resource: 'object',
					operation: 'upload',
					bucket: locator(BUCKET),
					key: 'pack/big.bin',
					options,
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchPackDown', [
				manualTrigger,
				pack('Download', {
					resource: 'object',
					operation: 'download',
					bucket: locator(BUCKET),
					key: keyLocator('pack/big.bin'),
				}),
			]),
		);
		await n8n.importWorkflow(
			storageDownloadWorkflow('s3', BUCKET, 'pack/big.bin', {
				cloudPackS3Api: { id: 'benchS3Pack0001', name: 'Bench S3 (pack)' },
			}),
		);
		await n8n.importWorkflow(
			workflow('benchBuiltinUp', [
				manualTrigger,
				readFile,
				builtin('Upload', {
					resource: 'file',
					operation: 'upload',
					bucketName: BUCKET,
					fileName: 'builtin/big.bin',
					binaryData: true,
					binaryPropertyName: 'data',
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchBuiltinDown', [
				manualTrigger,
				builtin('Download', {
					resource: 'file',
					operation: 'download',
					bucketName: BUCKET,
					fileKey: 'pack/big.bin',
					binaryPropertyName: 'data',
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchPackList', [
				manualTrigger,
				pack('List', {
					resource: 'object',
					operation: 'list',
					bucket: locator(LIST_BUCKET),
					returnAll: true,
				}),
			]),
		);

		// Warm-up: n8n's first start runs its database migrations.
		await runWorkflow(n8n, 'benchNoop', 'warm-up');
		const noop = await runWorkflow(n8n, 'benchNoop', 'n8n: no-op workflow');
		const readOnly = await runWorkflow(
			n8n,
			'benchReadOnly',
			`n8n: Read File only (${BENCH_SIZE_LABEL} into n8n)`,
			'Read File',
		);

		const sdkUp = baseline(
			n8n,
			`SDK: lib-storage upload (${PART_SIZE / MiB} MiB parts × ${QUEUE_SIZE})`,
			SDK_UPLOAD,
			[...sdkArgs, BUCKET, 'sdk/big.bin', source, String(PART_SIZE), String(QUEUE_SIZE)],
		);
		const packUp = await runWorkflow(
			n8n,
			'benchPackUp',
			'n8n + pack S3 node: upload (after Read File)',
			'Upload',
		);
		const builtinUp = await runWorkflow(
			n8n,
			'benchBuiltinUp',
			'n8n + built-in S3 node (awsS3 v2): upload',
			'Upload',
		);

		const target = path.join(dir, 'download.bin');
		const sdkDown = baseline(n8n, 'SDK: GetObject streamed to a file', SDK_DOWNLOAD, [
			...sdkArgs,
			BUCKET,
			'pack/big.bin',
			target,
		]);
		const downloaded = statSync(target).size;
		rmSync(target, { force: true });
		if (downloaded !== BENCH_BYTES) throw new Error(`the SDK downloaded ${downloaded} bytes`);
		const packDown = await runWorkflow(
			n8n,
			'benchPackDown',
			'n8n + pack S3 node: download',
			'Download',
		);
		const storageDown = await runWorkflow(
			n8n,
			'benchStorageDown',
			'n8n + Cloud Storage node (s3): download',
			'Download',
		);
		const builtinDown = await runWorkflow(
			n8n,
			'benchBuiltinDown',
			'n8n + built-in S3 node (awsS3 v2): download',
			'Download',
		);
		const packedBytes = packDown.run?.output('Download')[0]?.json.size;
		const storageBytes = storageDown.run?.output('Download')[0]?.json.size;

		const sdkList = baseline(n8n, `SDK: paginateListObjectsV2 (1,000 a page)`, SDK_LIST, [
			...sdkArgs,
			LIST_BUCKET,
		]);
		const packList = await runWorkflow(
			n8n,
			'benchPackList',
			'n8n + pack S3 node: Get Many, Return All',
			'List',
		);
		const packListed = packList.run?.output('List').length;

		printTable(
			`S3 on the local Swift s3api, ${BENCH_SIZE_LABEL}, n8n 2.40.7 (filesystem binary mode); RSS = peak of the process`,
			[noop, readOnly, sdkUp, packUp, builtinUp, sdkDown, packDown, storageDown, builtinDown],
		);
		printTable(`Listing ${listed} objects`, [sdkList, packList]);
		console.log(
			`pack download: ${packedBytes} bytes; Cloud Storage download: ${storageBytes} bytes; pack listing: ${packListed} items`,
		);
		console.log(
			'(the built-in node reaches Swift through a pass-through proxy that answers GetBucketLocation; see locationProxy)',
		);
		console.log(
			`pack upload: whole-run peak ${(packUp.peakRssMiB! - noop.peakRssMiB!).toFixed(0)} MiB above no-op, which includes Read File (alone ${(readOnly.peakRssMiB! - noop.peakRssMiB!).toFixed(0)} MiB above no-op)`,
		);
		console.log(
			verdict(
				'pack upload: n8n peak RSS while the S3 node ran, above the no-op workflow',
				(packUp.nodePeakRssMiB ?? packUp.peakRssMiB!) - noop.peakRssMiB!,
				100,
				'MiB',
			),
		);
		console.log(
			verdict('pack upload time ÷ SDK upload time', packUp.seconds / sdkUp.seconds, 1.15, '×'),
		);
		console.log(
			verdict(
				'pack listing time ÷ SDK pagination time',
				packList.seconds / sdkList.seconds,
				1.2,
				'×',
			),
		);
		printDownloadTargets({
			backend: 'S3 on the local Swift s3api',
			size: BENCH_SIZE_LABEL,
			noop,
			readFile: readOnly,
			sdk: sdkDown,
			nodes: [
				['S3 node', packDown],
				['Cloud Storage node (s3)', storageDown],
			],
		});
		for (const [what, row] of [
			['upload', builtinUp],
			['download', builtinDown],
		] as const) {
			console.log(
				`built-in S3 node ${what}: ${row.note?.startsWith('FAILED') ? row.note : `${row.seconds.toFixed(2)} s, peak RSS ${row.peakRssMiB?.toFixed(0)} MiB (${(row.peakRssMiB! - noop.peakRssMiB!).toFixed(0)} MiB above no-op)`}`,
			);
		}
	} finally {
		for (const key of ['sdk/big.bin', 'pack/big.bin', 'builtin/big.bin'])
			await s3.deleteObject(BUCKET, key).catch(() => undefined);
		s3.destroy();
		await proxy.close();
		await n8n.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
