/**
 * Storage over an emulated wide-area link (bench/wan/up.sh: 40 ms round trip, 0.01 % random
 * loss, 1 Gbit/s): for each backend (WAN_BACKENDS, default "s3 azure gcs swift"), a download
 * and an upload of WAN_MIB MiB (1024 by default) through the pack's driver beside the official
 * SDK's defaults (bench/wan/backends.ts), each in its own process, with its peak RSS beside a
 * process that only loads the same modules. Prints PASS/FAIL against issue 18 §5: the pack
 * ≥ 2 × faster than the SDK default, peak RSS ≤ 100 MiB above the no-op process.
 *
 * The servers stay where they are (the shared local servers on 127.0.0.1): a relay inside the
 * namespace cpk-wan forwards 10.77.0.2:<port> to them, so every byte of a transfer crosses the
 * emulated link and the relay's own hop is loopback. CPK_WAN=running: use a link already up
 * (its relay must carry every port the chosen backends need). First, unless WAN_CEILING=0, raw
 * TCP streams (one, and sixteen at once) measure what the link itself carries each way.
 */
import { execFileSync, spawn } from 'child_process';
import { mkdirSync, rmSync, statSync } from 'fs';
import dns from 'dns';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { DEFAULT_PARALLEL_RANGES } from '../nodes/shared/storage/parallelRanges';
import { ensureBigFile } from './lib/bigFile';
import { printTable, verdict, type Measurement } from './lib/measure';
import {
	WAN_BACKENDS,
	WAN_HOST,
	WAN_NAME,
	type TransferName,
	type WanBackend,
} from './wan/backends';

const MiB = 1024 ** 2;
const PROJECT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../..')].find((dir) => {
	try {
		return statSync(path.join(dir, 'bench/wan/up.sh')).isFile();
	} catch {
		return false;
	}
})!;
/** The client's side of the link (bench/wan/up.sh). */
const CLIENT_NS = 'cpk-wanc';
/** WAN_DIRECTIONS (default "download upload") picks which of the two each backend measures. */
const DIRECTIONS = (process.env.WAN_DIRECTIONS ?? 'download upload')
	.split(/[\s,]+/)
	.filter((what): what is 'download' | 'upload' => what === 'download' || what === 'upload');
const TRANSFERS: TransferName[] = DIRECTIONS.flatMap((what): TransferName[] => [
	`pack-${what}`,
	`sdk-${what}`,
]);

/**
 * In the child processes, `wan.localhost` and the names below it are the link's far end (for the
 * SDK and the pack alike).
 */
function resolveWanName() {
	const original = dns.lookup;
	const lookup = (hostname: string, options: unknown, callback?: unknown) => {
		if (hostname !== WAN_NAME && !hostname.endsWith(`.${WAN_NAME}`))
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

// ---- the link's own ceiling: raw TCP streams through it -----------------------------------

/** A port on 127.0.0.1 (carried by the relay) where raw TCP streams are sunk or sourced. */
const CEILING_PORT = 19_298;

const BLOCK = Buffer.alloc(256 * 1024, 7);

/** Writes `bytes` bytes to `socket` (as fast as it takes them), then ends it. */
function sendThenEnd(socket: net.Socket, bytes: number) {
	let left = bytes;
	const send = () => {
		while (left > 0) {
			const piece = left >= BLOCK.length ? BLOCK : BLOCK.subarray(0, left);
			left -= piece.length;
			if (!socket.write(piece)) return void socket.once('drain', send);
		}
		socket.end();
	};
	send();
}

/** 'U' then bytes: read and dropped (then closed); 'D' + 8-byte length: that many bytes sent. */
async function startCeilingServer(): Promise<net.Server> {
	const server = net.createServer((socket) => {
		socket.on('error', () => undefined);
		socket.once('data', (first: Buffer) => {
			if (first[0] !== 0x44) {
				// 'U': dropped; closed once the client ended, so that it counts until all arrived
				socket.on('end', () => socket.end());
				return void socket.resume();
			}
			sendThenEnd(socket, Number(first.readBigUInt64BE(1)));
		});
	});
	await new Promise<void>((resolve) => server.listen(CEILING_PORT, '127.0.0.1', resolve));
	return server;
}

/** `streams` TCP streams across the link moving `bytes` in all, up or down; resolves when done. */
async function rawStreams(direction: 'up' | 'down', streams: number, bytes: number) {
	const each = Math.ceil(bytes / streams);
	const one = () =>
		new Promise<void>((resolve, reject) => {
			const socket = net.connect(CEILING_PORT, WAN_HOST);
			socket.on('error', reject);
			if (direction === 'down') {
				const ask = Buffer.alloc(9);
				ask[0] = 0x44;
				ask.writeBigUInt64BE(BigInt(each), 1);
				socket.write(ask);
				socket.resume();
				socket.on('end', resolve);
				return;
			}
			socket.write(Buffer.from('U'));
			socket.resume();
			socket.on('close', () => resolve());
			sendThenEnd(socket, each);
		});
	await Promise.all(Array.from({ length: streams }, one));
}

const CEILING_RUNS: Array<{
	name: string;
	direction: 'up' | 'down';
	streams: number;
	mib: number;
}> = [
	{ name: 'raw TCP, 1 stream, down', direction: 'down', streams: 1, mib: 64 },
	{ name: 'raw TCP, 16 streams, down', direction: 'down', streams: 16, mib: 256 },
	{ name: 'raw TCP, 1 stream, up', direction: 'up', streams: 1, mib: 64 },
	{ name: 'raw TCP, 16 streams, up', direction: 'up', streams: 16, mib: 256 },
];

/** What the link itself carries: the ceiling any transfer across it meets. */
async function measureCeiling() {
	const server = await startCeilingServer();
	try {
		for (const run of CEILING_RUNS) {
			const row = await runChild('s3', `ceiling:${CEILING_RUNS.indexOf(run)}`, '', {});
			console.log(`link ceiling, ${run.name}: ${(run.mib / row.seconds).toFixed(1)} MiB/s`);
		}
	} finally {
		server.close();
	}
}

// ---- the measured transfers, each run in a child process ---------------------------------

async function child(backendName: string, name: string, file: string) {
	resolveWanName();
	const backend = WAN_BACKENDS[backendName];
	const started = process.hrtime.bigint();
	if (name === 'rtt') {
		const ms = await connectRttMs(backend.ports()[0]);
		console.error(`TCP connect across the link (one round trip): ${ms.toFixed(1)} ms`);
	} else if (name.startsWith('ceiling:')) {
		const run = CEILING_RUNS[Number(name.slice('ceiling:'.length))];
		await rawStreams(run.direction, run.streams, run.mib * MiB);
	} else if (name === 'noop') {
		for (const module of backend.sdkModules) await import(module);
	} else await backend.transfers[name as TransferName](file);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const maxRssKiB = process.resourceUsage().maxRSS;
	console.log(JSON.stringify({ seconds, maxRssKiB }));
	// SDK agents may keep sockets open; the figures are printed
	process.exit(0);
}

async function runChild(
	backend: string,
	name: string,
	file: string,
	env: Record<string, string>,
): Promise<Measurement> {
	const output = await new Promise<string>((resolve, reject) => {
		const args = [process.execPath, __filename, 'child', backend, name, file];
		const proc = spawn('ip', ['netns', 'exec', CLIENT_NS, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, ...env },
		});
		let out = '';
		proc.stdout.on('data', (data: Buffer) => (out += data.toString()));
		proc.on('error', reject);
		proc.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`${backend} ${name} exited with ${code}`)),
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

const load = () => os.loadavg()[0].toFixed(1);

/** One backend's four transfers and its no-op process; prints its table and verdicts. */
async function runBackend(name: string, backend: WanBackend, source: string, bytes: number) {
	const dir = path.dirname(source);
	const env = await backend.prepare(source, bytes);
	try {
		await runChild(name, 'rtt', '', env);
		const out = path.join(dir, 'download.bin');
		const rows: Measurement[] = [await runChild(name, 'noop', '', env)];
		for (const transfer of TRANSFERS) {
			const row = await runChild(name, transfer, transfer.endsWith('upload') ? source : out, env);
			row.note = `load ${load()}`;
			if (transfer.endsWith('download')) {
				if (statSync(out).size !== bytes) throw new Error(`${name} ${transfer}: wrong size`);
				rmSync(out);
			}
			rows.push(row);
		}
		const by = Object.fromEntries(rows.map((row) => [row.label, row]));
		printTable(
			`${name} over the emulated WAN (pack downloads: up to ${DEFAULT_PARALLEL_RANGES.concurrency} parallel ${DEFAULT_PARALLEL_RANGES.partSize / MiB} MiB ranges once the reader waits; ${backend.describe()})`,
			rows,
		);
		const mibPerS = (row: Measurement) => (bytes / MiB / row.seconds).toFixed(1);
		for (const row of rows.slice(1)) console.log(`${name} ${row.label}: ${mibPerS(row)} MiB/s`);
		const noop = by.noop.peakRssMiB!;
		const ratio = (what: 'download' | 'upload') =>
			verdict(
				`${name} ${what}: pack time ÷ SDK time`,
				by[`pack-${what}`].seconds / by[`sdk-${what}`].seconds,
				0.5,
				'×',
			);
		const memory = (what: 'download' | 'upload') =>
			verdict(
				`${name} ${what} peak RSS above no-op`,
				by[`pack-${what}`].peakRssMiB! - noop,
				100,
				'MiB',
			);
		console.log([...DIRECTIONS.map(ratio), ...DIRECTIONS.map(memory)].join('\n'));
	} finally {
		await backend.cleanup();
	}
}

async function main() {
	const bytes = Number(process.env.WAN_MIB ?? 1024) * MiB;
	const names = (process.env.WAN_BACKENDS ?? 's3 azure gcs swift').split(/[\s,]+/).filter(Boolean);
	for (const name of names) if (!WAN_BACKENDS[name]) throw new Error(`No WAN backend "${name}"`);
	const dir = path.join(PROJECT, '.dev/bench/wan');
	mkdirSync(dir, { recursive: true });
	const ownLink = process.env.CPK_WAN !== 'running';
	if (ownLink) {
		if (linkUp()) throw new Error('cpk-wan is already up: set CPK_WAN=running to use it');
		const ports = [
			...new Set([CEILING_PORT, ...names.flatMap((name) => WAN_BACKENDS[name].ports())]),
		];
		execFileSync('bash', [path.join(PROJECT, 'bench/wan/up.sh')], {
			stdio: 'inherit',
			env: { ...process.env, CPK_WAN_PORTS: ports.map((port) => `--forward ${port}`).join(' ') },
		});
	}
	try {
		const source = await ensureBigFile(path.join(dir, `source-${bytes / MiB}MiB.bin`), bytes);
		console.log(
			`Link: ${WAN_NAME} (emulated: bench/wan/link.c, a user-space TUN link; tc netem is not ` +
				`built into this kernel), Reno, ${bytes / MiB} MiB, backends ${names.join(', ')}, load average ${load()}`,
		);
		if (process.env.WAN_CEILING !== '0') await measureCeiling();
		for (const name of names) await runBackend(name, WAN_BACKENDS[name], source, bytes);
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
