/**
 * n8n's queue mode for the end-to-end tests and the bench: PostgreSQL and Redis (Debian's
 * packages, test/e2e/install-queue-services.sh) started on free ports of 127.0.0.1 with their
 * data in a scratch folder, then n8n's main process with EXECUTIONS_MODE=queue and `n8n worker`
 * processes. Each process has its own user folder with the pack installed in .n8n/nodes, as
 * every process of a queue-mode deployment must; only binary data in `filesystem` mode shares
 * a folder. Everything is stopped by the PID it was started with.
 */
import { execFile, spawn, type ChildProcess } from 'child_process';
import {
	chmodSync,
	chownSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';

import { diesWithParent } from './children';
import { N8nInstance, PROJECT } from './n8n';
import { freePort } from './ports';
import { sleep } from './wait';

const run = promisify(execFile);

/** How n8n keeps binary data between the main process and the workers. */
export type BinaryMode = 'database' | 'filesystem';

/** A process started here: its output kept (last 40 kB) for failure messages and log checks. */
class Started {
	log = '';
	/** The executions a worker's log says it started (the log itself keeps only its end). */
	readonly startedExecutions = new Set<string>();
	private partialLine = '';
	constructor(
		readonly name: string,
		readonly child: ChildProcess,
	) {
		const append = (chunk: Buffer) => {
			const text = chunk.toString();
			this.log = (this.log + text).slice(-40_000);
			const lines = (this.partialLine + text).split('\n');
			this.partialLine = lines.pop() ?? '';
			for (const line of lines) {
				const started = /Worker started execution (\d+) /.exec(line);
				if (started) this.startedExecutions.add(started[1]);
			}
		};
		child.stdout?.on('data', append);
		child.stderr?.on('data', append);
	}

	get pid(): number {
		return this.child.pid!;
	}

	/** TERM, then KILL after `graceMs`; resolves once it has exited. */
	async stop(graceMs = 20_000): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		process.kill(this.pid, 'SIGTERM');
		const timer = setTimeout(() => process.kill(this.pid, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
}

/** Waits until `url` answers 2xx, failing with the process's log when it exits or times out. */
async function waitReady(started: Started, url: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (started.child.exitCode !== null)
			throw new Error(`${started.name} exited (${started.child.exitCode}):\n${started.log}`);
		if (
			await fetch(url).then(
				(r) => r.ok,
				() => false,
			)
		)
			return;
		await sleep(300);
	}
	throw new Error(`${started.name} did not become ready:\n${started.log}`);
}

/** The uid/gid PostgreSQL runs as when the tests run as root (it refuses to run as root). */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	const { stdout } = await run('id', ['-u', 'postgres']);
	const { stdout: gid } = await run('id', ['-g', 'postgres']);
	return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

/** PostgreSQL and Redis for one queue-mode run. */
export class QueueServices {
	private constructor(
		readonly scratch: string,
		private readonly pgBin: string,
		readonly pgPort: number,
		readonly redisPort: number,
		private readonly postgres: Started,
		private readonly redis: Started,
	) {}

	static async start(): Promise<QueueServices> {
		const { stdout } = await run(
			'bash',
			[path.join(PROJECT, 'test/e2e/install-queue-services.sh')],
			{
				timeout: 15 * 60_000,
				maxBuffer: 64 * 1024 * 1024,
			},
		);
		const pgBin = stdout.trim().split('\n').pop()!;
		const scratch = mkdtempSync(path.join(tmpdir(), 'cloud-pack-queue-'));
		chmodSync(scratch, 0o755);
		const data = path.join(scratch, 'postgres');
		mkdirSync(data);
		const user = await postgresUser();
		if (user) chownSync(data, user.uid, user.gid);
		const asPostgres = { ...(user ?? {}), env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } };
		await run(
			path.join(pgBin, 'initdb'),
			['-D', data, '-U', 'n8n', '--auth=trust', '--encoding=UTF8'],
			asPostgres,
		);
		const [pgPort, redisPort] = [await freePort(), await freePort()];
		// No unix socket, no durability (a scratch database): only TCP on 127.0.0.1.
		const postgres = new Started(
			'postgres',
			spawn(
				...diesWithParent(path.join(pgBin, 'postgres'), [
					'-D',
					data,
					'-p',
					String(pgPort),
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'unix_socket_directories=',
					'-c',
					'fsync=off',
					'-c',
					'synchronous_commit=off',
					'-c',
					'full_page_writes=off',
					'-c',
					'max_connections=200',
				]),
				{ ...asPostgres, stdio: ['ignore', 'pipe', 'pipe'] },
			),
		);
		const redis = new Started(
			'redis',
			spawn(
				...diesWithParent('redis-server', [
					'--bind',
					'127.0.0.1',
					'--port',
					String(redisPort),
					'--dir',
					scratch,
					'--save',
					'',
					'--appendonly',
					'no',
				]),
				{ stdio: ['ignore', 'pipe', 'pipe'] },
			),
		);
		const services = new QueueServices(scratch, pgBin, pgPort, redisPort, postgres, redis);
		try {
			const deadline = Date.now() + 60_000;
			for (;;) {
				try {
					await services.sql('select 1', 'postgres');
					break;
				} catch (error) {
					if (Date.now() > deadline || postgres.child.exitCode !== null)
						throw new Error(`postgres did not start: ${(error as Error).message}\n${postgres.log}`);
					await sleep(300);
				}
			}
			await services.sql('create database n8n', 'postgres');
		} catch (error) {
			await services.stop();
			throw error;
		}
		return services;
	}

	/** Runs SQL with psql and returns its unaligned, tuples-only output. */
	async sql(query: string, database = 'n8n'): Promise<string> {
		const { stdout } = await run(
			path.join(this.pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.pgPort),
				'-U',
				'n8n',
				'-d',
				database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				query,
			],
			{ maxBuffer: 512 * 1024 * 1024 },
		);
		return stdout;
	}

	/** The environment every n8n process of the cluster shares. */
	n8nEnv(binaryMode: BinaryMode, binaryFolder: string): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_DEFAULT_BINARY_DATA_MODE: binaryMode,
			N8N_BINARY_DATA_STORAGE_PATH: binaryFolder,
		};
	}

	/** Peak resident memory (kB) of a PID, from /proc (VmHWM); 0 once it is gone. */
	static peakRss(pid: number): number {
		try {
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
		} catch {
			return 0;
		}
	}

	get pids(): Record<string, number> {
		return { postgres: this.postgres.pid, redis: this.redis.pid };
	}

	async stop(): Promise<void> {
		await Promise.all([this.redis.stop(5_000), this.postgres.stop(10_000)]);
		rmSync(this.scratch, { recursive: true, force: true });
	}
}

/** One execution as n8n's database holds it (run data read back with n8n's own parser). */
export interface ExecutionRecord {
	id: string;
	status: string;
	mode: string;
	data: any;
	/** The worker whose log says it started this execution ('' when none did). */
	worker: string;
}

/** n8n's main process and its workers, all against one QueueServices. */
export class QueueCluster {
	readonly port: number;
	/** Workers killed and replaced by killAndRestartWorker: their logs still name their runs. */
	private readonly retiredWorkers: Started[] = [];
	private constructor(
		readonly services: QueueServices,
		readonly main: N8nInstance,
		private readonly workerInstances: N8nInstance[],
		readonly workers: Started[],
		port: number,
		readonly binaryFolder: string,
	) {
		this.port = port;
	}

	/**
	 * Starts main (after `prepare` imported credentials and workflows through its CLI, which
	 * also runs the database migrations) and `workers` workers, each ready when this resolves.
	 */
	static async start(
		services: QueueServices,
		binaryMode: BinaryMode,
		prepare: (main: N8nInstance) => Promise<void>,
		options: { workers?: number; concurrency?: number; env?: Record<string, string> } = {},
	): Promise<QueueCluster> {
		const binaryFolder = path.join(services.scratch, `binary-${binaryMode}-${Date.now()}`);
		mkdirSync(binaryFolder, { recursive: true });
		const env = { ...services.n8nEnv(binaryMode, binaryFolder), ...options.env };
		const main = await N8nInstance.create(env);
		const workerInstances: N8nInstance[] = [];
		const workers: Started[] = [];
		const port = await freePort();
		const cluster = new QueueCluster(services, main, workerInstances, workers, port, binaryFolder);
		try {
			await prepare(main);
			await main.start(port);
			const count = options.workers ?? 2;
			for (let i = 0; i < count; i++) workerInstances.push(await N8nInstance.create(env));
			workers.push(
				...(await Promise.all(
					workerInstances.map((instance, i) =>
						cluster.startWorker(instance, `worker${i + 1}`, options.concurrency),
					),
				)),
			);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/**
	 * Kills worker `index` with SIGKILL (by its PID, no chance to finish or hand back its jobs),
	 * waits for its exit, then starts it again on the same user folder under the same name.
	 * Resolves with the killed PID, its peak RSS (kB) just before, and the new PID once ready.
	 */
	async killAndRestartWorker(
		index: number,
	): Promise<{ killedPid: number; killedPeakRssKb: number; restartedPid: number }> {
		const killed = this.workers[index];
		const killedPeakRssKb = QueueServices.peakRss(killed.pid);
		const exited = new Promise((resolve) => killed.child.once('exit', resolve));
		process.kill(killed.pid, 'SIGKILL');
		await exited;
		this.retiredWorkers.push(killed);
		const restarted = await this.startWorker(this.workerInstances[index], killed.name);
		this.workers[index] = restarted;
		return { killedPid: killed.pid, killedPeakRssKb, restartedPid: restarted.pid };
	}

	private async startWorker(
		instance: N8nInstance,
		name: string,
		concurrency = 10,
	): Promise<Started> {
		const health = await freePort();
		const { node, n8n } = instance.binaries;
		const started = new Started(
			name,
			spawn(...diesWithParent(node, [n8n, 'worker', `--concurrency=${concurrency}`]), {
				env: {
					...instance.env(),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(health),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
				cwd: instance.folder,
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		);
		await waitReady(started, `http://127.0.0.1:${health}/healthz/readiness`);
		return started;
	}

	/** The logs of main and every worker, for failure messages. */
	logs(): string {
		return [
			`--- main\n${this.main.serverLog.slice(-6000)}`,
			...this.workers.map((w) => `--- ${w.name}\n${w.log.slice(-6000)}`),
		].join('\n');
	}

	/**
	 * Copies n8n's log files (written when N8N_LOG_OUTPUT includes `file`) of main and every
	 * worker into `folder` as main.log, worker1.log…, before stop() removes their user folders.
	 */
	saveLogs(folder: string): void {
		mkdirSync(folder, { recursive: true });
		const instances: Array<[string, N8nInstance]> = [
			['main', this.main],
			...this.workerInstances.map((instance, i): [string, N8nInstance] => [
				`worker${i + 1}`,
				instance,
			]),
		];
		for (const [name, instance] of instances) {
			const log = path.join(instance.folder, '.n8n/logs/n8n.log');
			if (existsSync(log)) cpSync(log, path.join(folder, `${name}.log`));
		}
	}

	/** Every finished execution of a workflow, oldest first, from the database. */
	async executions(workflowId: string): Promise<ExecutionRecord[]> {
		const rows = await this.services.sql(
			`select coalesce(json_agg(json_build_object('id', e.id, 'status', e.status, 'mode', e.mode, 'data', d.data) order by e.id), '[]') from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = '${workflowId.replace(/'/g, "''")}' and e.status not in ('new', 'running', 'waiting')`,
		);
		return (JSON.parse(rows.trim()) as any[]).map((row) => ({
			id: String(row.id),
			status: row.status,
			mode: row.mode,
			data: this.main.parseRunData(row.data),
			worker:
				[...this.workers, ...this.retiredWorkers].find((w) =>
					w.startedExecutions.has(String(row.id)),
				)?.name ?? '',
		}));
	}

	/**
	 * Every execution of a workflow in any status (crashed, still running or queued included),
	 * with the first text of its stored data matching `pattern` (e.g. the name a call carried)
	 * and, when nothing matches, the start of that data (what the execution holds instead).
	 */
	async executionStatuses(
		workflowId: string,
		pattern: RegExp,
	): Promise<Array<{ id: string; status: string; match: string; data: string }>> {
		const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
		const rows = await this.services.sql(
			`select e.id, e.status, coalesce(substring(d.data from ${quote(pattern.source)}), ''), case when substring(d.data from ${quote(pattern.source)}) is null then left(regexp_replace(coalesce(d.data, ''), '\\s+', ' ', 'g'), 300) else '' end from execution_entity e left join execution_data d on d."executionId" = e.id where e."workflowId" = ${quote(workflowId)} order by e.id`,
		);
		return rows
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status, match, ...data] = line.split('|');
				return { id, status, match, data: data.join('|') };
			});
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		await this.main.dispose();
		await Promise.all(this.workerInstances.map((instance) => instance.dispose()));
		rmSync(this.binaryFolder, { recursive: true, force: true });
	}
}

/**
 * Imports workflows through main's CLI in one call, then publishes those whose JSON says
 * `active: true` (CLI calls side by side: each pays n8n's start-up).
 */
export async function importWorkflows(
	main: N8nInstance,
	workflows: Array<Record<string, unknown>>,
): Promise<void> {
	const file = path.join(main.folder, `workflows-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(workflows));
	await main.cli(['import:workflow', `--input=${file}`]);
	rmSync(file);
	await Promise.all(
		workflows.filter((flow) => flow.active === true).map((flow) => main.publish(String(flow.id))),
	);
}

/** node name → items of its first output, last run, of an execution record's run data. */
export function recordOutput(record: ExecutionRecord, nodeName: string): any[] {
	const runs = record.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`Node "${nodeName}" did not run in execution ${record.id}`);
	return runs[runs.length - 1].data.main[0] ?? [];
}
