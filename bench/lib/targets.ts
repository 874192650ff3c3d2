/**
 * The download targets of issue 18 §1, checked the same way by every storage benchmark: for
 * each node that downloads (the provider's node, the Cloud Storage node), its time in n8n beside
 * the official SDK's time and beside n8n's own Read File node on the same file in the same run,
 * and n8n's peak RSS while it ran beside the no-op workflow's.
 */
import { loadavg } from 'os';

import type { Measurement } from './measure';

export const DOWNLOAD_TARGETS = {
	/** node time ÷ SDK time */
	sdkRatio: 1.15,
	/** node time ÷ Read File node time */
	readFileRatio: 1.15,
	/** MiB of peak RSS while the node ran, above the no-op workflow's peak */
	rssAboveNoopMiB: 100,
};

/** A measured run of a workflow; `nodePeakRssMiB` is the peak sampled while the node ran. */
export type NodeRun = Measurement & { nodePeakRssMiB?: number };

export interface DownloadComparison {
	/** "S3 on the local Swift s3api", … */
	backend: string;
	/** "1 GiB", … */
	size: string;
	noop: NodeRun;
	/** n8n's Read File node bringing the same file into n8n (node time). */
	readFile: NodeRun;
	/** The official SDK (or plain client) streaming the same object to a file. */
	sdk: Measurement;
	/** The pack's downloads: [which node, its run]. */
	nodes: Array<[string, NodeRun]>;
}

/** The machine's load average, to print beside figures (the machine may be shared). */
export function loadAverage(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(' / ');
}

function seconds(ms: number): string {
	return Number.isNaN(ms) ? '?' : `${(ms / 1000).toFixed(2)} s`;
}

/** Write calls, GC time and kernel CPU time of a run beyond the no-op run's, as printed. */
function beyondNoop(run: Measurement, noop: Measurement): [string, string, string] {
	const writes = (run.profile?.writeCalls ?? Number.NaN) - (noop.profile?.writeCalls ?? 0);
	const gcMs = (run.profile?.gcMs ?? Number.NaN) - (noop.profile?.gcMs ?? 0);
	const systemMs = (run.profile?.systemCpuMs ?? Number.NaN) - (noop.profile?.systemCpuMs ?? 0);
	return [Number.isNaN(writes) ? '?' : writes.toFixed(0), seconds(gcMs), seconds(systemMs)];
}

function mark(value: number, limit: number): string {
	return `${value.toFixed(2)} ${value <= limit ? 'PASS' : 'FAIL'}`;
}

/**
 * Prints the download figures and a PASS/FAIL per target and node; returns whether every
 * target passed.
 */
export function printDownloadTargets(comparison: DownloadComparison): boolean {
	const { noop, readFile, sdk, nodes } = comparison;
	const header = [
		'download node',
		'node s',
		'SDK s',
		'Read File s',
		`÷ SDK (≤ ${DOWNLOAD_TARGETS.sdkRatio})`,
		`÷ Read File (≤ ${DOWNLOAD_TARGETS.readFileRatio})`,
		`MiB above no-op (≤ ${DOWNLOAD_TARGETS.rssAboveNoopMiB})`,
		'writes',
		'GC',
		'kernel CPU',
	];
	let allPass = true;
	const rows = nodes.map(([node, run]) => {
		const bySdk = run.seconds / sdk.seconds;
		const byReadFile = run.seconds / readFile.seconds;
		const above = (run.nodePeakRssMiB ?? run.peakRssMiB ?? Number.NaN) - (noop.peakRssMiB ?? 0);
		allPass &&=
			bySdk <= DOWNLOAD_TARGETS.sdkRatio &&
			byReadFile <= DOWNLOAD_TARGETS.readFileRatio &&
			above <= DOWNLOAD_TARGETS.rssAboveNoopMiB;
		return [
			node,
			run.seconds.toFixed(2),
			sdk.seconds.toFixed(2),
			readFile.seconds.toFixed(2),
			mark(bySdk, DOWNLOAD_TARGETS.sdkRatio),
			mark(byReadFile, DOWNLOAD_TARGETS.readFileRatio),
			mark(above, DOWNLOAD_TARGETS.rssAboveNoopMiB),
			...beyondNoop(run, noop),
		];
	});
	const [readFileWrites, readFileGc, readFileSystem] = beyondNoop(readFile, noop);
	const sdkSystem = seconds(sdk.profile?.systemCpuMs ?? Number.NaN);
	console.log(
		`\nDownload targets (issue 18 §1): ${comparison.backend}, ${comparison.size}; load average ${loadAverage()}`,
	);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
	console.log(line(header));
	console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
	for (const row of rows) console.log(line(row));
	console.log(
		`SDK: ${sdk.label} (kernel CPU ${sdkSystem}, its whole process); Read File: n8n's own node, same file (${readFileWrites} writes, ${readFileGc} GC, kernel CPU ${readFileSystem}); no-op workflow peak RSS ${noop.peakRssMiB?.toFixed(0)} MiB`,
	);
	console.log(
		"writes: write system calls of the n8n process beyond the no-op run (its binary store writing the file); GC: time in garbage collection beyond the no-op run; kernel CPU: the n8n process's system CPU time beyond the no-op run (on this VM mostly the host faulting in fresh pages for the file n8n writes: compare it with Read File's before reading a ratio)",
	);
	console.log(`${allPass ? 'PASS' : 'FAIL'}: every download target for ${comparison.backend}`);
	return allPass;
}
