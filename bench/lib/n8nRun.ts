import { execFileSync } from 'child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';

import { TOLERATED_SIGNALS, isCompleteRun } from '../../test/e2e/harness/crashes';
import { PROJECT, parseRun, type N8nInstance, type RunResult } from '../../test/e2e/harness/n8n';
import {
	RSS_SAMPLE_ENV,
	peakWhileNodeRan,
	profileOf,
	type Measurement,
	type RssReport,
} from './measure';

/** The peak-RSS preload, next to this file once compiled, or in the sources. */
export const PRELOAD = [
	path.resolve(__dirname, 'maxrss-preload.js'),
	path.join(PROJECT, 'bench/lib/maxrss-preload.js'),
].find(existsSync)!;

function reports(file: string): RssReport[] {
	if (!existsSync(file)) return [];
	const lines = readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as RssReport);
	rmSync(file, { force: true });
	return lines;
}

export interface MeasuredRun extends Measurement {
	run: RunResult;
	/** n8n's own execution time of `node`, seconds */
	nodeSeconds?: number;
	/** peak RSS sampled while `node` ran, MiB */
	nodePeakRssMiB?: number;
}

/**
 * BENCH_CPU_PROF=<folder>: each `n8n execute` also writes a V8 CPU profile there (named
 * CPU.<date>.<time>.<pid>…cpuprofile, in run order), to see where a node's time goes.
 */
const CPU_PROFILE = process.env.BENCH_CPU_PROF
	? ` --cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}`
	: '';

/**
 * `n8n execute` with the peak-RSS preload (sampling every 10 ms): the run, its wall time,
 * the n8n main process's peak RSS, and for `node` its execution time and the peak while it ran.
 * A run in which a node failed is an error (a benchmark of a failure measures nothing).
 */
export async function runMeasured(
	n8n: N8nInstance,
	workflowId: string,
	label: string,
	node?: string,
): Promise<MeasuredRun> {
	const rssFile = path.join(n8n.folder, `maxrss-${workflowId}-${Date.now()}.jsonl`);
	const started = process.hrtime.bigint();
	let stdout: string;
	try {
		({ stdout } = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput'], 60 * 60_000, {
			NODE_OPTIONS: `--require ${PRELOAD}${CPU_PROFILE}`,
			CLOUD_PACK_MAXRSS_FILE: rssFile,
			...RSS_SAMPLE_ENV,
		}));
	} catch (error) {
		// n8n 2.40 on Node 24 now and then crashes while exiting, after it printed the whole run.
		const crashed = error as { signal?: string; stdout?: string };
		if (!crashed.signal || !TOLERATED_SIGNALS.includes(crashed.signal) || !crashed.stdout)
			throw error;
		const complete = parseRun(crashed.stdout.slice(0, crashed.stdout.lastIndexOf('\n}') + 2));
		if (!isCompleteRun(complete.raw)) throw error;
		console.log(
			`(n8n crashed with ${crashed.signal} while exiting after ${workflowId}; its run was complete)`,
		);
		stdout = crashed.stdout;
	}
	const wall = Number(process.hrtime.bigint() - started) / 1e9;
	// n8n may print a late log line after the run's JSON: cut there.
	const end = stdout.lastIndexOf('\n}');
	const run = parseRun(end >= 0 ? stdout.slice(0, end + 2) : stdout);
	const error = run.raw.data.resultData.error as { message?: string } | undefined;
	if (error) throw new Error(`${workflowId} failed: ${error.message}`);
	const lines = reports(rssFile);
	const main = lines.filter((line) => line.main === n8n.binaries.n8n);
	const peakKiB = Math.max(0, ...(main.length ? main : lines).map((line) => line.maxRssKiB));
	const runData = run.raw.data.resultData.runData as Record<
		string,
		Array<{ executionTime: number }>
	>;
	const nodeRuns = node ? runData[node] : undefined;
	const nodeSeconds = nodeRuns ? nodeRuns[nodeRuns.length - 1].executionTime / 1000 : undefined;
	const nodePeakRssMiB = node ? peakWhileNodeRan(main[0] ?? lines[0], runData, node) : undefined;
	return {
		label,
		seconds: nodeSeconds ?? wall,
		peakRssMiB: peakKiB / 1024,
		run,
		nodeSeconds,
		nodePeakRssMiB,
		profile: profileOf(main[0] ?? lines[0]),
		note: node
			? `node time; whole run ${wall.toFixed(1)} s${nodePeakRssMiB === undefined ? '' : `; ${nodePeakRssMiB.toFixed(0)} MiB peak while it ran`}`
			: 'whole run',
	};
}

/**
 * A baseline script in its own process, on n8n's Node binary, with the same RSS probe; the
 * script prints one JSON line with its `seconds` last.
 */
export function runBaseline(
	n8n: N8nInstance,
	label: string,
	script: string,
	args: string[],
	note: string,
): Measurement & { result: Record<string, unknown> } {
	const rssFile = path.join(n8n.folder, `maxrss-baseline-${Date.now()}.jsonl`);
	const file = path.join(n8n.folder, `baseline-${Date.now()}.js`);
	writeFileSync(file, script);
	const printed = execFileSync(n8n.binaries.node, [file, ...args], {
		encoding: 'utf8',
		env: { ...process.env, NODE_OPTIONS: `--require ${PRELOAD}`, CLOUD_PACK_MAXRSS_FILE: rssFile },
		maxBuffer: 64 * 1024 * 1024,
	});
	rmSync(file, { force: true });
	const result = JSON.parse(printed.trim().split('\n').pop()!) as { seconds: number };
	const lines = reports(rssFile);
	const peakKiB = Math.max(0, ...lines.map((line) => line.maxRssKiB));
	return {
		label,
		seconds: result.seconds,
		peakRssMiB: peakKiB / 1024,
		note,
		result,
		profile: profileOf(lines[0]),
	};
}
