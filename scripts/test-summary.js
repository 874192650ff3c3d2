// Adds up the jest result files of every project and prints the closing line
// "N passed, N failed". It cannot report success by mistake: it fails when a project's result
// file is missing or unreadable, when a project ran zero tests, when a suite failed to run, and
// it lists every n8n crash the end-to-end harness tolerated (see test/e2e/harness/crashes.ts).
// Usage: node scripts/test-summary.js RESULTS_DIR [project ...] (default: unit integration e2e)
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const projects = process.argv.length > 3 ? process.argv.slice(3) : ['unit', 'integration', 'e2e'];
const problems = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function readResult(project) {
	const file = path.join(dir, `${project}.json`);
	if (!fs.existsSync(file)) {
		problems.push(`${project}: no result file (${file}): the project did not run`);
		return undefined;
	}
	let result;
	try {
		result = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		problems.push(`${project}: unreadable result file (${error.message})`);
		return undefined;
	}
	const counts = ['numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests'];
	if (
		!result ||
		typeof result !== 'object' ||
		counts.some((key) => !Number.isInteger(result[key]))
	) {
		problems.push(`${project}: the result file is not a jest result`);
		return undefined;
	}
	return result;
}

for (const project of projects) {
	const result = readResult(project);
	if (!result) continue;
	const suites = result.testResults ?? [];
	// A suite that failed to run (syntax error, a throwing beforeAll without tests…) has a
	// failure message but no failed test of its own: count it once, as a suite.
	const brokenSuites = suites.filter(
		(suite) =>
			suite.status === 'failed' &&
			!(suite.assertionResults ?? []).some((test) => test.status === 'failed'),
	);
	passed += result.numPassedTests;
	failed += result.numFailedTests + brokenSuites.length;
	skipped += result.numPendingTests + (result.numTodoTests ?? 0);
	console.log(
		`${project}: ${result.numPassedTests} passed, ${result.numFailedTests} failed` +
			(brokenSuites.length ? `, ${brokenSuites.length} suite(s) failed to run` : '') +
			(result.numPendingTests ? `, ${result.numPendingTests} skipped` : ''),
	);
	for (const suite of brokenSuites) {
		const reason =
			String(suite.message ?? '')
				.split('\n')
				.find((line) => line.trim()) ?? '';
		console.log(
			`  suite failed to run: ${path.relative(process.cwd(), suite.name)}: ${reason.trim()}`,
		);
	}
	if (result.numPendingTests + (result.numTodoTests ?? 0) > 0) {
		problems.push(
			`${project}: ${result.numPendingTests + (result.numTodoTests ?? 0)} test(s) skipped: a skipped test is not a pass`,
		);
	}
	if (result.numTotalTests === 0 || result.numPassedTests + result.numFailedTests === 0) {
		problems.push(`${project}: ran zero tests`);
	}
	if (result.success === false && result.numFailedTests === 0 && brokenSuites.length === 0) {
		problems.push(
			`${project}: jest reported a failure outside any test (e.g. open handles, a failed run)`,
		);
	}
}

const crashFile = path.join(dir, 'n8n-crashes.jsonl');
if (fs.existsSync(crashFile)) {
	const crashes = fs
		.readFileSync(crashFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
	console.log(`n8n crashed on exit ${crashes.length} time(s) after a complete run (tolerated):`);
	for (const crash of crashes) {
		console.log(
			`  ${crash.signal} in "${crash.test ?? '?'}" (${crash.command}, workflow ${crash.workflowId})`,
		);
	}
}

for (const problem of problems) console.log(`FAILED: ${problem}`);
const failedTotal = failed + problems.length;
console.log(`${passed} passed, ${failedTotal} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedTotal > 0 || passed === 0 ? 1 : 0);
