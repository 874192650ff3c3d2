// Adds up the jest result files of every project and prints the closing line.
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let suitesFailed = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
	const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	passed += result.numPassedTests;
	failed += result.numFailedTests;
	skipped += result.numPendingTests + result.numTodoTests;
	suitesFailed += result.numFailedTestSuites;
	console.log(
		`${path.basename(file, '.json')}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`,
	);
}
if (suitesFailed > 0) console.log(`${suitesFailed} test suite(s) failed to run`);
console.log(
	`${passed} passed, ${failed + suitesFailed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed + suitesFailed > 0 || passed === 0 ? 1 : 0);
