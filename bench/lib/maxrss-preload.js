// Loaded into every Node process of a measured n8n run (NODE_OPTIONS=--require ...):
// on exit, appends the process's peak resident set size to CLOUD_PACK_MAXRSS_FILE.
// With CLOUD_PACK_RSS_SAMPLE_MS set, it also samples the RSS at that interval and writes the
// samples ([epoch ms, KiB]), so a benchmark can read the peak while one node of the run ran.
const fs = require('fs');

const out = process.env.CLOUD_PACK_MAXRSS_FILE;
if (out) {
	const every = Number(process.env.CLOUD_PACK_RSS_SAMPLE_MS || 0);
	const samples = [];
	if (every > 0) {
		const sample = () => samples.push([Date.now(), Math.round(process.memoryUsage.rss() / 1024)]);
		setInterval(sample, every).unref();
		sample();
	}
	process.on('exit', () => {
		const line = {
			pid: process.pid,
			main: process.argv[1] || '',
			maxRssKiB: process.resourceUsage().maxRSS,
		};
		if (every > 0) line.samples = samples;
		try {
			fs.appendFileSync(out, JSON.stringify(line) + '\n');
		} catch {
			// nothing to report to
		}
	});
}
