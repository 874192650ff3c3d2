export interface Measurement {
	label: string;
	seconds: number;
	/** peak RSS of the n8n main process, MiB */
	peakRssMiB?: number;
	note?: string;
	/** where the n8n main process's time went (maxrss-preload.js), the whole run */
	profile?: RunProfile;
}

/** Counters of one process written by maxrss-preload.js at its exit. */
export interface RunProfile {
	/** write system calls (/proc/self/io syscw) */
	writeCalls?: number;
	/** bytes passed to write system calls (/proc/self/io wchar) */
	writtenBytes?: number;
	gcCount?: number;
	/** time in garbage collection, ms */
	gcMs?: number;
	/**
	 * CPU time the kernel spent for the process (every thread), ms. On this VM a fresh page of
	 * memory (page cache included) can cost the host a fault: writing 1 GiB costs ~1 s here
	 * when the guest's free pages are warm and ~8 s once they were handed back (README).
	 */
	systemCpuMs?: number;
	/** CPU time in user space (every thread), ms */
	userCpuMs?: number;
}

/** The profile counters of a preload report. */
export function profileOf(report: RssReport | undefined): RunProfile | undefined {
	if (!report) return undefined;
	const { writeCalls, writtenBytes, gcCount, gcMs, systemCpuMs, userCpuMs } = report;
	return { writeCalls, writtenBytes, gcCount, gcMs, systemCpuMs, userCpuMs };
}

/** Times a plain function (a baseline done outside n8n). */
export async function measure(
	label: string,
	work: () => Promise<unknown>,
	note?: string,
): Promise<Measurement> {
	const started = process.hrtime.bigint();
	await work();
	return { label, seconds: Number(process.hrtime.bigint() - started) / 1e9, note };
}

export function printTable(title: string, rows: Measurement[]): void {
	console.log(`\n${title}`);
	const header = ['what', 'seconds', 'peak RSS (MiB)', 'note'];
	const body = rows.map((row) => [
		row.label,
		row.seconds.toFixed(2),
		row.peakRssMiB === undefined ? '' : row.peakRssMiB.toFixed(0),
		row.note ?? '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of body) console.log(line(row));
}

/** "PASS"/"FAIL" against a target, for the verdict lines under each table. */
export function verdict(what: string, value: number, limit: number, unit: string): string {
	return `${value <= limit ? 'PASS' : 'FAIL'}: ${what} ${value.toFixed(2)} ${unit} (target ≤ ${limit.toFixed(2)} ${unit})`;
}

/** One process's line written by maxrss-preload.js. */
export interface RssReport extends RunProfile {
	main: string;
	maxRssKiB: number;
	/** [epoch ms, KiB], when CLOUD_PACK_RSS_SAMPLE_MS was set */
	samples?: Array<[number, number]>;
}

/** Environment for maxrss-preload.js: the peak, and RSS samples every 10 ms. */
export const RSS_SAMPLE_ENV = { CLOUD_PACK_RSS_SAMPLE_MS: '10' };

/**
 * Peak RSS (MiB) sampled while one node of the run executed, from n8n's own start time and
 * execution time for that node. Upload workflows start with n8n's Read File node, whose own
 * peak would otherwise be counted as the upload node's.
 */
export function peakWhileNodeRan(
	report: RssReport | undefined,
	runData: Record<string, unknown>,
	node: string,
): number | undefined {
	const runs = runData[node] as Array<{ startTime?: number; executionTime?: number }> | undefined;
	const last = runs?.[runs.length - 1];
	if (!report?.samples?.length || last?.startTime === undefined || last.executionTime === undefined)
		return undefined;
	const from = last.startTime;
	const to = last.startTime + last.executionTime;
	const inside = report.samples
		.filter(([time]) => time >= from && time <= to)
		.map(([, kib]) => kib);
	return inside.length ? Math.max(...inside) / 1024 : undefined;
}
