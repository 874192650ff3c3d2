import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/** scripts/test-summary.js: the closing line of `npm test`, which must not report success by mistake. */

const SCRIPT = path.join(__dirname, '../../../scripts/test-summary.js');

interface Suite {
	name: string;
	status: 'passed' | 'failed';
	message?: string;
	tests: Array<'passed' | 'failed' | 'pending'>;
}

function result(suites: Suite[]) {
	const all = suites.flatMap((suite) => suite.tests);
	const count = (status: string) => all.filter((test) => test === status).length;
	return {
		success: count('failed') === 0 && suites.every((suite) => suite.status === 'passed'),
		numTotalTests: all.length,
		numPassedTests: count('passed'),
		numFailedTests: count('failed'),
		numPendingTests: count('pending'),
		numTodoTests: 0,
		numFailedTestSuites: suites.filter((suite) => suite.status === 'failed').length,
		testResults: suites.map((suite) => ({
			name: suite.name,
			status: suite.status,
			message: suite.message ?? '',
			assertionResults: suite.tests.map((status) => ({ status })),
		})),
	};
}

const ok = (tests = 3): Suite => ({
	name: '/p/test/ok.test.ts',
	status: 'passed',
	tests: Array(tests).fill('passed'),
});

function summarize(files: Record<string, unknown>, crashes: string[] = []) {
	const dir = mkdtempSync(path.join(tmpdir(), 'summary-'));
	try {
		for (const [name, content] of Object.entries(files)) {
			writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(content));
		}
		if (crashes.length)
			writeFileSync(path.join(dir, 'n8n-crashes.jsonl'), crashes.join('\n') + '\n');
		try {
			const stdout = execFileSync('node', [SCRIPT, dir], { encoding: 'utf8' });
			return { code: 0, stdout };
		} catch (error: any) {
			return { code: error.status as number, stdout: String(error.stdout) };
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const lastLine = (stdout: string) => stdout.trim().split('\n').pop();

describe('test-summary.js', () => {
	it('passes when every project ran tests and none failed', () => {
		const run = summarize({
			unit: result([ok()]),
			integration: result([ok(2)]),
			e2e: result([ok(1)]),
		});
		expect(run.code).toBe(0);
		expect(lastLine(run.stdout)).toBe('6 passed, 0 failed');
	});

	it('fails when a project has no result file', () => {
		const run = summarize({ unit: result([ok()]), integration: result([ok()]) });
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/FAILED: e2e: no result file/);
		expect(lastLine(run.stdout)).toBe('6 passed, 1 failed');
	});

	it('fails when a result file cannot be read', () => {
		const run = summarize({ unit: result([ok()]), integration: result([ok()]), e2e: '{' });
		expect(run.stdout).toMatch(/FAILED: e2e: /);
		expect(run.code).toBe(1);
	});

	it('fails when a project ran zero tests', () => {
		const run = summarize({ unit: result([ok()]), integration: result([]), e2e: result([ok()]) });
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/FAILED: integration: ran zero tests/);
	});

	it('counts a suite that failed to run once, and a failing test once', () => {
		const broken: Suite = {
			name: '/p/test/broken.test.ts',
			status: 'failed',
			message: 'SyntaxError: Unexpected token',
			tests: [],
		};
		const failing: Suite = {
			name: '/p/test/f.test.ts',
			status: 'failed',
			tests: ['passed', 'failed'],
		};
		const run = summarize({
			unit: result([ok(), broken]),
			integration: result([failing]),
			e2e: result([ok()]),
		});
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/suite failed to run: .*broken\.test\.ts: SyntaxError/);
		expect(lastLine(run.stdout)).toBe('7 passed, 2 failed');
	});

	it('fails on a skipped test: a skip is not a pass', () => {
		const skipping: Suite = {
			name: '/p/s.test.ts',
			status: 'passed',
			tests: ['passed', 'pending'],
		};
		const run = summarize({
			unit: result([skipping]),
			integration: result([ok()]),
			e2e: result([ok()]),
		});
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/FAILED: unit: 1 test\(s\) skipped/);
	});

	it('lists every n8n crash the e2e harness tolerated', () => {
		const crash = (signal: string, test: string) =>
			JSON.stringify({ signal, test, command: 'execute', workflowId: 'w1' });
		const run = summarize(
			{ unit: result([ok()]), integration: result([ok()]), e2e: result([ok()]) },
			[crash('SIGSEGV', 'round trip'), crash('SIGABRT', 'webhook')],
		);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/n8n crashed on exit 2 time\(s\)/);
		expect(run.stdout).toMatch(/SIGSEGV in "round trip"/);
		expect(run.stdout).toMatch(/SIGABRT in "webhook"/);
	});
});
