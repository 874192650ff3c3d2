/**
 * Queue-mode load: 2,000 webhook calls at 40 per second (loopback only, bounded in count and
 * time) into n8n's main process, run by two workers (test/e2e/harness/queue.ts), each call's
 * body stored as one object and answered with its metadata. Once with the pack's Cloud Storage
 * node (Local backend), once with n8n's own Read/Write Files node doing the same (baseline),
 * each in its own main + workers over one PostgreSQL and Redis, binary data in `database` mode.
 * Reports calls answered, latency percentiles, objects stored, duplicated and lost runs, and
 * the peak RSS of every process.
 */
import { mkdirSync, readdirSync, rmSync } from 'fs';
import { loadavg } from 'os';
import * as path from 'path';

import { PROJECT } from '../test/e2e/harness/n8n';
import { QueueCluster, QueueServices, importWorkflows } from '../test/e2e/harness/queue';
import { PACK, locator, workflow, type WorkflowNode } from '../test/e2e/harness/workflow';

const CALLS = Number(process.env.QUEUE_BENCH_CALLS ?? 2000);
const PER_SECOND = Number(process.env.QUEUE_BENCH_RATE ?? 40);
const CALL_TIMEOUT_MS = 60_000;
/**
 * Connections of each n8n process to PostgreSQL. n8n's default is 2; main saves every incoming
 * execution and reads it back, and when its pool is busy, n8n's own connection check (which
 * takes a pooled connection) times out three times in a row, declares the database down and
 * answers `503 Database is not ready!` while it rebuilds the pool, which drops queries under way.
 */
const DB_POOL = process.env.QUEUE_BENCH_DB_POOL ?? '20';
/**
 * n8n's waits on the pool: for a connection (DB_POSTGRESDB_CONNECTION_TIMEOUT, 20 s by default,
 * then the call fails with 500) and for the connection check (DB_PING_TIMEOUT_MS, 5 s), raised
 * to how long a caller waits, so a saturated machine answers late instead of refusing.
 */
const DB_WAIT_MS = process.env.QUEUE_BENCH_DB_WAIT_MS ?? String(CALL_TIMEOUT_MS);
/** How long executions still queued after the last call may take to end before counting. */
const DRAIN_MS = Number(process.env.QUEUE_BENCH_DRAIN_MS ?? 180_000);
/** Kill worker1 with SIGKILL when half the calls are sent, and start it again (0: do not). */
const KILL = process.env.QUEUE_BENCH_KILL !== '0';
const ROOT = path.join(PROJECT, '.dev/bench/queue');
/** When set, n8n's log files of main and the workers are kept there, one folder per variant. */
const LOGS = process.env.QUEUE_BENCH_LOGS;

const webhook = (webhookPath: string, id: string): WorkflowNode => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: id,
	parameters: {
		httpMethod: 'POST',
		path: webhookPath,
		responseMode: 'lastNode',
		options: { rawBody: true },
	},
});

const VARIANTS = {
	pack: workflow('benchQueuePack', [
		webhook('bench-pack', '0b6c2a59-3f0e-4c55-8d5e-7a1f00000001'),
		{
			name: 'Store',
			type: `${PACK}.cloudStorage`,
			parameters: {
				backend: 'local',
				resource: 'object',
				operation: 'upload',
				container: locator('pack'),
				key: '={{ $json.query.name }}',
			},
			credentials: { cloudPackLocalStorageApi: { id: 'benchQueueLocal1', name: 'Bench queue' } },
		},
	]),
	baseline: workflow('benchQueueBaseline', [
		webhook('bench-baseline', '0b6c2a59-3f0e-4c55-8d5e-7a1f00000002'),
		{
			name: 'Store',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: {
				operation: 'write',
				fileName: `=${ROOT}/store/baseline/{{ $json.query.name }}`,
				dataPropertyName: 'data',
			},
		},
	]),
};
type Variant = keyof typeof VARIANTS;

interface Call {
	name: string;
	/** HTTP status, 0 when no answer came (timed out or connection failed) */
	status: number;
	ms: number;
	/** the start of the answer's body, kept for answers other than 200 */
	body?: string;
}

/**
 * Fires CALLS POSTs at a fixed rate, each bounded by CALL_TIMEOUT_MS; resolves when all ended.
 * `halfway` is called (not awaited) when half of them are sent.
 */
async function load(port: number, webhookPath: string, halfway: () => void): Promise<Call[]> {
	const started = Date.now();
	const calls: Array<Promise<Call>> = [];
	for (let i = 0; i < CALLS; i++) {
		if (i === Math.floor(CALLS / 2)) halfway();
		const due = started + (i * 1000) / PER_SECOND;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const name = `call-${String(i).padStart(5, '0')}.txt`;
		const sent = Date.now();
		calls.push(
			fetch(`http://127.0.0.1:${port}/webhook/${webhookPath}?name=${name}`, {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: `body of ${name} `.repeat(64),
				signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
			})
				.then(async (response) => {
					// The body is read under the same timeout: a late body is no answer, like a late head.
					const body = await response.text();
					const ms = Date.now() - sent;
					return response.status === 200
						? { name, status: 200, ms }
						: { name, status: response.status, ms, body: body.slice(0, 200) };
				})
				.catch((error: Error) => ({
					name,
					status: 0,
					ms: Date.now() - sent,
					body: error.message,
				})),
		);
	}
	return await Promise.all(calls);
}

/** "status ×count (first answer's text)" for every answer other than 200. */
function otherAnswers(calls: Call[]): string {
	const byStatus = new Map<number, Call[]>();
	for (const call of calls.filter((c) => c.status !== 200))
		byStatus.set(call.status, [...(byStatus.get(call.status) ?? []), call]);
	if (byStatus.size === 0) return 'none';
	return [...byStatus]
		.map(([status, list]) => `${status || 'no answer'} ×${list.length} (${list[0].body ?? ''})`)
		.join('; ');
}

function percentile(sorted: number[], p: number): number {
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
		: NaN;
}

/** Waits until a registered webhook answers something else than 404 (registration after start). */
async function waitForWebhook(port: number, webhookPath: string): Promise<void> {
	for (let attempt = 0; attempt < 120; attempt++) {
		const response = await fetch(
			`http://127.0.0.1:${port}/webhook/${webhookPath}?name=warm-up.txt`,
			{
				method: 'POST',
				body: 'warm-up',
			},
		).catch(() => undefined);
		if (response && response.status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`webhook ${webhookPath} never registered`);
}

/**
 * Executions still queued or running when the last call ended (the callers gave up after
 * CALL_TIMEOUT_MS) get up to DRAIN_MS to end, so that they are counted as stored, not lost.
 */
async function drain(cluster: QueueCluster, workflowId: string): Promise<string> {
	const began = Date.now();
	let pending = 0;
	do {
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		pending = Number(
			await cluster.services.sql(
				`select count(*) from execution_entity where "workflowId" = '${workflowId}' and status in ('new', 'running')`,
			),
		);
	} while (pending > 0 && Date.now() - began < DRAIN_MS);
	return `after the last call: ${pending} executions still queued or running ${((Date.now() - began) / 1000).toFixed(0)} s later (waited up to ${DRAIN_MS / 1000} s)`;
}

/** The figures of one variant's run, from the calls, the store folder and the database. */
async function report(
	cluster: QueueCluster,
	workflowId: string,
	store: string,
	calls: Call[],
	seconds: number,
	killReport: string,
): Promise<string> {
	const answered = calls.filter((call) => call.status === 200);
	const latencies = answered.map((call) => call.ms).sort((a, b) => a - b);
	const stored = new Set(readdirSync(store).filter((name) => name.startsWith('call-')));
	const executions = (
		await cluster.executionStatuses(workflowId, /(?:call-[0-9]{5}|warm-up)\.txt/)
	).filter((execution) => execution.match !== 'warm-up.txt');
	// Executions whose data names no call (a run lost with its worker keeps no input): each is
	// a call main accepted and queued, counted as accepted and, unless stored, lost.
	const unnamed = executions.filter((execution) => !execution.match);
	const byName = new Map<string, string[]>();
	for (const execution of executions)
		if (execution.match)
			byName.set(execution.match, [...(byName.get(execution.match) ?? []), execution.status]);
	const byStatus = new Map<string, number>();
	for (const execution of executions)
		byStatus.set(execution.status, (byStatus.get(execution.status) ?? 0) + 1);
	// Accepted: main answered 200 or saved an execution for the call (it was queued).
	const named = calls.filter((call) => call.status === 200 || byName.has(call.name));
	const lostNamed = named.filter((call) => !stored.has(call.name));
	const unaccounted = calls.filter((call) => !named.includes(call) && !stored.has(call.name));
	const accepted = named.length + unnamed.length;
	const lost = lostNamed.length + unnamed.length;
	const duplicated = [...byName.values()].filter(
		(statuses) => statuses.filter((status) => status === 'success').length > 1,
	).length;
	const records = await cluster.executions(workflowId);
	const rss = (pid: number | undefined) =>
		((pid ? QueueServices.peakRss(pid) : 0) / 1024).toFixed(0);
	const pids = cluster.services.pids;
	const noAnswer = calls.filter((c) => c.status === 0).length;
	return [
		`  calls sent ${calls.length} in ${seconds.toFixed(1)} s (${PER_SECOND}/s), answered 200: ${answered.length}, other answers: ${calls.length - answered.length - noAnswer}, no answer in ${CALL_TIMEOUT_MS / 1000} s: ${noAnswer}`,
		`  latency ms p50 ${percentile(latencies, 50)} p95 ${percentile(latencies, 95)} p99 ${percentile(latencies, 99)} max ${latencies[latencies.length - 1] ?? NaN}`,
		`  accepted (answered 200 or saved by main) ${accepted}, objects stored ${stored.size}, lost (accepted, not stored) ${lost}, duplicated (run successfully twice) ${duplicated}, stored but not answered 200 ${calls.filter((call) => call.status !== 200 && stored.has(call.name)).length}`,
		`  executions by status: ${[...byStatus].map(([status, count]) => `${status} ${count}`).join(', ') || 'none'}`,
		`  executions naming no call: ${unnamed.length}${unnamed.length ? ` (${unnamed.map((e) => `${e.id} ${e.status}`).join(', ')}; data: ${unnamed[0].data.slice(0, 200)})` : ''}; calls not stored: ${unaccounted.length} (${unaccounted
			.slice(0, 8)
			.map((call) => `${call.name} ${call.status || 'no answer'}`)
			.join(', ')})`,
		`  lost named calls' executions: ${
			lostNamed
				.slice(0, 5)
				.map(
					(call) =>
						`${call.name} (${call.status || 'no answer'}: ${(byName.get(call.name) ?? ['none']).join('/')})`,
				)
				.join(', ') || 'none'
		}${lostNamed.length > 5 ? ', …' : ''}`,
		`  ${killReport}`,
		`  answers other than 200: ${otherAnswers(calls)}`,
		`  runs per worker: ${[...new Set(records.map((r) => r.worker || '(none)'))].map((worker) => `${worker} ${records.filter((r) => (r.worker || '(none)') === worker).length}`).join(', ')}`,
		`  peak RSS MiB: main ${rss(cluster.main.serverPid())}, ${cluster.workers.map((worker) => `${worker.name} ${rss(worker.pid)}`).join(', ')}, postgres (postmaster) ${rss(pids.postgres)}, redis ${rss(pids.redis)}`,
	].join('\n');
}

async function runVariant(services: QueueServices, variant: Variant): Promise<void> {
	const store = path.join(ROOT, 'store', variant);
	mkdirSync(store, { recursive: true });
	const flow = VARIANTS[variant];
	const cluster = await QueueCluster.start(
		services,
		'database',
		async (main) => {
			await main.importCredentials([
				{
					id: 'benchQueueLocal1',
					name: 'Bench queue',
					type: 'cloudPackLocalStorageApi',
					data: { rootDirectory: path.join(ROOT, 'store') },
				},
			]);
			await importWorkflows(main, [{ ...flow, active: true }]);
		},
		{
			env: {
				N8N_RESTRICT_FILE_ACCESS_TO: path.join(ROOT, 'store'),
				DB_POSTGRESDB_POOL_SIZE: DB_POOL,
				DB_POSTGRESDB_CONNECTION_TIMEOUT: DB_WAIT_MS,
				DB_PING_TIMEOUT_MS: DB_WAIT_MS,
				...(LOGS ? { N8N_LOG_OUTPUT: 'console,file' } : {}),
			},
		},
	);
	try {
		const webhookPath = `bench-${variant}`;
		await waitForWebhook(cluster.port, webhookPath);
		const began = Date.now();
		let kill: Promise<string> = Promise.resolve('no worker killed');
		const calls = await load(cluster.port, webhookPath, () => {
			if (!KILL) return;
			const at = Date.now();
			kill = cluster.killAndRestartWorker(0).then(
				(killed) =>
					`worker1 (PID ${killed.killedPid}, peak RSS ${(killed.killedPeakRssKb / 1024).toFixed(0)} MiB) killed with SIGKILL ${((at - began) / 1000).toFixed(1)} s into the run, call ${Math.floor(CALLS / 2)}; restarted as PID ${killed.restartedPid}, ready ${((Date.now() - at) / 1000).toFixed(1)} s later`,
				(error: Error) => `worker1 kill/restart failed: ${error.message.slice(0, 300)}`,
			);
		});
		const seconds = (Date.now() - began) / 1000;
		const killReport = await kill;
		const drained = await drain(cluster, String(flow.id));
		console.log(
			`\n${variant === 'pack' ? "the pack's Cloud Storage node (Local)" : "baseline: n8n's Read/Write Files node"}, load average ${loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}`,
		);
		console.log(
			await report(cluster, String(flow.id), store, calls, seconds, `${killReport}\n  ${drained}`),
		);
	} finally {
		if (LOGS) cluster.saveLogs(path.join(LOGS, variant));
		await cluster.stop();
	}
}

async function main() {
	rmSync(ROOT, { recursive: true, force: true });
	const services = await QueueServices.start();
	try {
		console.log(
			`queue mode: ${CALLS} webhook calls at ${PER_SECOND}/s per variant, main + 2 workers (concurrency 10), binary data in the database, ${DB_POOL} database connections per process (waits up to ${DB_WAIT_MS} ms), ${KILL ? 'worker1 killed with SIGKILL and restarted halfway' : 'no worker killed'}; load average before ${loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')} (2 cores)`,
		);
		await runVariant(services, 'pack');
		await runVariant(services, 'baseline');
	} finally {
		await services.stop();
		rmSync(ROOT, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
