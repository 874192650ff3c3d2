import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { PROJECT } from './harness/n8n';
import { freePort } from './harness/ports';

/**
 * `npm start` as a new user runs it (scripts/start.sh after the build): n8n's editor with the
 * pack, the Local credential and the demo workflow imported. The demo is then run the way the
 * editor runs it — the owner account set up on first visit, then "Execute workflow", which is
 * `POST /rest/workflows/:id/run` — and its execution and the files it wrote are checked.
 * The n8n runtime is the same (possibly fresh, in CI) cache as the other e2e tests use.
 */

jest.setTimeout(30 * 60_000);

const DEMO_ID = 'cloudPackDemoWf1';
const BROWSER_ID = 'cloud-pack-e2e-browser';

let dev: string;
let child: ChildProcess;
let log = '';
let base: string;
let cookie = '';

async function rest(method: string, route: string, body?: unknown): Promise<any> {
	const response = await fetch(`${base}/rest${route}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : undefined;
}

async function waitUntilReady(deadlineMs: number): Promise<void> {
	const deadline = Date.now() + deadlineMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${log}`);
		const ready = await fetch(`${base}/healthz/readiness`).then(
			(r) => r.ok,
			() => false,
		);
		if (ready) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`npm start did not become ready:\n${log.slice(-5000)}`);
}

/** The environment of a user's shell: without what jest adds (NODE_ENV=test makes n8n exit at once). */
function userEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.NODE_ENV;
	for (const name of Object.keys(env)) if (name.startsWith('JEST_')) delete env[name];
	return env;
}

beforeAll(async () => {
	dev = mkdtempSync(path.join(tmpdir(), 'cloud-pack-start-'));
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	child = spawn('bash', [path.join(PROJECT, 'scripts/start.sh')], {
		cwd: PROJECT,
		env: {
			...userEnvironment(),
			CLOUD_PACK_DEV_DIR: dev,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			N8N_ENCRYPTION_KEY: 'cloud-pack-start-test',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const append = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-50_000));
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	// the first start may install n8n into an empty cache (CI): minutes
	await waitUntilReady(25 * 60_000);
});

afterAll(async () => {
	if (child && child.exitCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		process.kill(-child.pid!, 'SIGTERM');
		const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}
	if (dev) rmSync(dev, { recursive: true, force: true });
});

it('npm start: the owner signs up, runs the demo workflow from the editor, and it succeeds', async () => {
	expect(log).toMatch(/Cloud Pack demo \(Local storage\)/);
	await rest('POST', '/owner/setup', {
		email: 'owner@example.com',
		firstName: 'Cloud',
		lastName: 'Pack',
		password: 'CloudPack123',
	});
	const workflows = await rest('GET', '/workflows');
	const names = (workflows.data as Array<{ id: string; name: string }>).map((w) => w.name);
	expect(names).toContain('Cloud Pack demo (Local storage)');

	const demo = JSON.parse(readFileSync(path.join(PROJECT, 'examples/demo-local.json'), 'utf8'));
	const trigger = demo.nodes.find((node: any) => node.type === 'n8n-nodes-base.manualTrigger');
	const started = await rest('POST', `/workflows/${DEMO_ID}/run`, {
		triggerToStartFrom: { name: trigger.name },
	});
	const executionId = started.data.executionId as string;
	expect(executionId).toBeTruthy();

	let execution: any;
	for (let attempt = 0; attempt < 120; attempt++) {
		execution = (await rest('GET', `/executions/${executionId}`)).data;
		if (execution.finished || ['success', 'error', 'crashed'].includes(execution.status)) break;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	expect(execution.status).toBe('success');
	// the run data is stored "flatted"; every node of the demo appears in it, with no error
	for (const node of demo.nodes) expect(execution.data).toContain(node.name);
	expect(execution.data).not.toMatch(/"NodeOperationError"|"NodeApiError"/);

	// what the demo wrote, in the Local credential's folder under the dev folder
	const written = path.join(dev, 'storage', 'demo', 'greetings', 'hello.txt');
	expect(existsSync(written)).toBe(true);
	expect(readFileSync(written, 'utf8')).toMatch(
		/^Hello from n8n-nodes-cloud-pack, written at \d{4}-/,
	);
});
