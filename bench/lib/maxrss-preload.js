// Loaded into every Node process of a measured n8n run (NODE_OPTIONS=--require ...):
// on exit, appends the process's peak resident set size to CLOUD_PACK_MAXRSS_FILE.
const fs = require('fs');

const out = process.env.CLOUD_PACK_MAXRSS_FILE;
if (out) {
	process.on('exit', () => {
		const line = { pid: process.pid, main: process.argv[1] || '', maxRssKiB: process.resourceUsage().maxRSS };
		try {
			fs.appendFileSync(out, JSON.stringify(line) + '\n');
		} catch {
			// nothing to report to
		}
	});
}
