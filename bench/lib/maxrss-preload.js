// Loaded into every Node process of a measured n8n run (NODE_OPTIONS=--require ...):
// on exit, appends the process's peak resident set size to CLOUD_PACK_MAXRSS_FILE.
// With CLOUD_PACK_RSS_SAMPLE_MS set, it also samples the RSS at that interval and writes the
// samples ([epoch ms, KiB]), so a benchmark can read the peak while one node of the run ran.
// It also reports where a run's time goes: write system calls and bytes written (from
// /proc/self/io, every write of the process, the binary store's included), time in GC, and
// CPU time in user space and in the kernel (every thread of the process).
const fs = require('fs');
const { PerformanceObserver } = require('perf_hooks');

/** Counters of /proc/self/io (Linux), or nothing elsewhere. */
function io() {
	try {
		return Object.fromEntries(
			fs
				.readFileSync('/proc/self/io', 'utf8')
				.trim()
				.split('\n')
				.map((line) => line.split(':').map((part) => part.trim()))
				.map(([key, value]) => [key, Number(value)]),
		);
	} catch {
		return {};
	}
}

const out = process.env.CLOUD_PACK_MAXRSS_FILE;
if (out) {
	const every = Number(process.env.CLOUD_PACK_RSS_SAMPLE_MS || 0);
	const samples = [];
	const gc = { count: 0, ms: 0 };
	const count = (entries) => {
		for (const entry of entries) {
			gc.count++;
			gc.ms += entry.duration;
		}
	};
	const observer = new PerformanceObserver((list) => count(list.getEntries()));
	observer.observe({ entryTypes: ['gc'] });
	if (every > 0) {
		const sample = () => samples.push([Date.now(), Math.round(process.memoryUsage.rss() / 1024)]);
		setInterval(sample, every).unref();
		sample();
	}
	process.on('exit', () => {
		const usage = process.resourceUsage();
		const line = {
			pid: process.pid,
			main: process.argv[1] || '',
			maxRssKiB: usage.maxRSS,
			systemCpuMs: Math.round(usage.systemCPUTime / 1000),
			userCpuMs: Math.round(usage.userCPUTime / 1000),
		};
		count(observer.takeRecords());
		const counters = io();
		line.writeCalls = counters.syscw;
		line.writtenBytes = counters.wchar;
		line.gcCount = gc.count;
		line.gcMs = Math.round(gc.ms);
		if (every > 0) line.samples = samples;
		try {
			fs.appendFileSync(out, JSON.stringify(line) + '\n');
		} catch {
			// nothing to report to
		}
	});
}
