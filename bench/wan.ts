/**
 * S3 over an emulated wide-area link (bench/wan/up.sh: 40 ms round trip, 0.01 % random loss,
 * 1 Gbit/s): a download and an upload of WAN_MIB MiB (1024 by default) through the pack's S3
 * driver beside the official SDK's defaults (one GetObject streamed to a file; lib-storage's
 * Upload with its default part size and queue), each in its own process, with its peak RSS
 * beside a process that only loads the same modules. Prints PASS/FAIL against issue 18 §5:
 * the pack ≥ 2 × faster than the SDK default, peak RSS ≤ 100 MiB above the no-op process.
 *
 * The servers stay where they are (the shared local Swift s3api on 127.0.0.1): a relay inside
 * the namespace cpk-wan forwards 10.77.0.2:<port> to them, so every byte of a transfer crosses
 * the emulated link and the relay's own hop is loopback. CPK_WAN=running: use a link already up.
 */
import { execFileSync, spawn } from 'child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'fs';
import dns from 'dns';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pipeline } from 'stream/promises';

import { S3Service } from '../nodes/shared/storage/drivers/s3';
import { DEFAULT_PARALLEL_RANGES } from '../nodes/shared/storage/parallelRanges';
import { ensureBigFile } from './lib/bigFile';
import { printTable, verdict, type Measurement } from './lib/measure';

const MiB = 1024 ** 2;
const PROJECT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../..')].find((dir) => {
	try {
		return statSync(path.join(dir, 'bench/wan/up.sh')).isFile();
	} catch {
		return false;
	}
})!;
const WAN_HOST = '10.77.0.2';
const WAN_NAME = 'wan.localhost';
/** The client's side of the link (bench/wan/up.sh). */
const CLIENT_NS = 'cpk-wanc';
const BUCKET = 'bench.cloud-pack-wan';
const SOURCE_KEY = 'wan/source.bin';

interface Swift {
	s3Endpoint: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}

function swiftConfig(): Swift {
	const file = path.join(PROJECT, '.dev/servers/swift.json');
	return JSON.parse(readFileSync(file, 'utf8')) as Swift;
}

/**
 * The endpoint across the link. The pack sends a secret over plain http:// to a loopback name
 * only, so the link's far end is named `wan.localhost`, resolved to it in the child processes
 * (for the SDK and the pack alike).
 */
function overTheLink(endpoint: string): string {
	const url = new URL(endpoint);
	url.hostname = WAN_NAME;
	return url.toString().replace(/\/$/, '');
}

function resolveWanName() {
	const original = dns.lookup;
	const lookup = (hostname: string, options: unknown, callback?: unknown) => {
		if (hostname !== WAN_NAME)
			return (original as (...args: unknown[]) => void)(hostname, options, callback);
		const done = (typeof options === 'function' ? options : callback) as (
			...args: unknown[]
		) => void;
		const all = typeof options === 'object' && (options as { all?: boolean }).all;
		if (all) process.nextTick(done, null, [{ address: WAN_HOST, family: 4 }]);
		else process.nextTick(done, null, WAN_HOST, 4);
	};
	(dns as { lookup: unknown }).lookup = lookup;
}

async function packService(endpoint: string): Promise<S3Service> {
	const swift = swiftConfig();
	return await S3Service.fromCredential({
		provider: 'custom',
		authentication: 'accessKey',
		endpoint,
		region: swift.region,
		forcePathStyle: true,
		accessKeyId: swift.accessKeyId,
		secretAccessKey: swift.secretAccessKey,
	});
}

/** The SDK with its defaults (checksums only when required, as the S3 bench: Swift's s3api). */
async function sdkClient(endpoint: string) {
	const { S3Client } = await import('@aws-sdk/client-s3');
	const swift = swiftConfig();
	return new S3Client({
		region: swift.region,
		endpoint,
		forcePathStyle: true,
		credentials: { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey },
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
}

// ---- the measured transfers, each run in a child process ---------------------------------

const TRANSFERS: Record<string, (endpoint: string, file: string) => Promise<void>> = {
	rtt: async (endpoint) => {
		const ms = await connectRttMs(Number(new URL(endpoint).port));
		console.error(`TCP connect across the link (one round trip): ${ms.toFixed(1)} ms`);
	},
	noop: async () => {
		await import('@aws-sdk/client-s3');
		await import('@aws-sdk/lib-storage');
	},
	'pack-download': async (endpoint, file) => {
		const s3 = await packService(endpoint);
		const { stream } = await s3.download(BUCKET, SOURCE_KEY);
		await pipeline(stream, createWriteStream(file));
	},
	'sdk-download': async (endpoint, file) => {
		const { GetObjectCommand } = await import('@aws-sdk/client-s3');
		const client = await sdkClient(endpoint);
		const answer = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SOURCE_KEY }));
		await pipeline(answer.Body as NodeJS.ReadableStream, createWriteStream(file));
		client.destroy();
	},
	'pack-upload': async (endpoint, file) => {
		const s3 = await packService(endpoint);
		await s3.upload(BUCKET, 'wan/pack.bin', createReadStream(file), {
			size: statSync(file).size,
			...uploadTuning(),
		});
	},
	'sdk-upload': async (endpoint, file) => {
		const { Upload } = await import('@aws-sdk/lib-storage');
		const client = await sdkClient(endpoint);
		const params = { Bucket: BUCKET, Key: 'wan/sdk.bin', Body: createReadStream(file) };
		await new Upload({ client, params }).done();
		client.destroy();
	},
};

/** The pack's upload on this link: more parts in flight than the loopback default. */
function uploadTuning(): { concurrency?: number; partSize?: number } {
	const concurrency = Number(process.env.WAN_UPLOAD_CONCURRENCY ?? 12);
	const partSize = Number(process.env.WAN_UPLOAD_PART_MIB ?? 5) * MiB;
	return { concurrency, partSize };
}

async function child(name: string, endpoint: string, file: string) {
	resolveWanName();
	const started = process.hrtime.bigint();
	await TRANSFERS[name](endpoint, file);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const maxRssKiB = process.resourceUsage().maxRSS;
	console.log(JSON.stringify({ seconds, maxRssKiB }));
}

async function runChild(name: string, endpoint: string, file: string): Promise<Measurement> {
	const output = await new Promise<string>((resolve, reject) => {
		const args = [process.execPath, __filename, 'child', name, endpoint, file];
		const proc = spawn('ip', ['netns', 'exec', CLIENT_NS, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		proc.stdout.on('data', (data: Buffer) => (out += data.toString()));
		proc.on('error', reject);
		proc.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`${name} exited with ${code}`)),
		);
	});
	const result = JSON.parse(output.trim().split('\n').pop()!) as {
		seconds: number;
		maxRssKiB: number;
	};
	return { label: name, seconds: result.seconds, peakRssMiB: result.maxRssKiB / 1024 };
}

// ---- the link --------------------------------------------------------------------------

/** Median TCP connect time to the relay across the link, ms (one round trip). */
async function connectRttMs(port: number): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < 7; i++) {
		const started = process.hrtime.bigint();
		await new Promise<void>((resolve, reject) => {
			const socket = net.connect(port, WAN_HOST, () => {
				socket.destroy();
				resolve();
			});
			socket.on('error', reject);
		});
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	return times.sort((a, b) => a - b)[3];
}

function linkUp(): boolean {
	return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).includes(CLIENT_NS);
}

async function main() {
	const bytes = Number(process.env.WAN_MIB ?? 1024) * MiB;
	const dir = path.join(PROJECT, '.dev/bench/wan');
	mkdirSync(dir, { recursive: true });
	const swift = swiftConfig();
	const ownLink = process.env.CPK_WAN !== 'running';
	if (ownLink) {
		if (linkUp()) throw new Error('cpk-wan is already up: set CPK_WAN=running to use it');
		execFileSync('bash', [path.join(PROJECT, 'bench/wan/up.sh')], { stdio: 'inherit' });
	}
	try {
		const source = await ensureBigFile(path.join(dir, `source-${bytes / MiB}MiB.bin`), bytes);
		const local = await packService(swift.s3Endpoint);
		await local.createBucket(BUCKET, { ifNotExists: true });
		await local.upload(BUCKET, SOURCE_KEY, createReadStream(source), { size: bytes });
		const wan = overTheLink(swift.s3Endpoint);
		const load = () => os.loadavg()[0].toFixed(1);
		console.log(
			`Link: ${wan} (emulated: bench/wan/link.py, a user-space TUN link; tc netem is not ` +
				`built into this kernel), Reno, ${bytes / MiB} MiB, load average ${load()}`,
		);
		await runChild('rtt', wan, '');
		const out = path.join(dir, 'download.bin');
		const rows: Measurement[] = [];
		for (const name of Object.keys(TRANSFERS).filter((name) => name !== 'rtt')) {
			const row = await runChild(name, wan, name.endsWith('upload') ? source : out);
			row.note = `load ${load()}`;
			if (name.endsWith('download')) {
				if (statSync(out).size !== bytes) throw new Error(`${name}: wrong size`);
				rmSync(out);
			}
			rows.push(row);
		}
		const by = Object.fromEntries(rows.map((row) => [row.label, row]));
		const tuning = uploadTuning();
		printTable(
			`S3 over the emulated WAN (pack: ${DEFAULT_PARALLEL_RANGES.concurrency} parallel ${DEFAULT_PARALLEL_RANGES.partSize / MiB} MiB ranges; upload ${tuning.concurrency} × ${(tuning.partSize ?? 0) / MiB} MiB parts; SDK: defaults)`,
			rows,
		);
		const mibPerS = (row: Measurement) => (bytes / MiB / row.seconds).toFixed(1);
		for (const row of rows.slice(1)) console.log(`${row.label}: ${mibPerS(row)} MiB/s`);
		const noop = by.noop.peakRssMiB!;
		console.log(
			[
				verdict(
					'download: pack time ÷ SDK time',
					by['pack-download'].seconds / by['sdk-download'].seconds,
					0.5,
					'×',
				),
				verdict(
					'upload: pack time ÷ SDK time',
					by['pack-upload'].seconds / by['sdk-upload'].seconds,
					0.5,
					'×',
				),
				verdict(
					'download peak RSS above no-op',
					by['pack-download'].peakRssMiB! - noop,
					100,
					'MiB',
				),
				verdict('upload peak RSS above no-op', by['pack-upload'].peakRssMiB! - noop, 100, 'MiB'),
			].join('\n'),
		);
		for (const key of [SOURCE_KEY, 'wan/pack.bin', 'wan/sdk.bin'])
			await local.deleteObject(BUCKET, key).catch(() => undefined);
	} finally {
		if (ownLink) execFileSync('bash', [path.join(PROJECT, 'bench/wan/down.sh')]);
	}
}

if (process.argv[2] === 'child') {
	void child(process.argv[3], process.argv[4], process.argv[5]).catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	void main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
