/**
 * Azure Blob Storage benchmark, in one run, against Azurites of its own (started here and
 * stopped by PID: the shared test server may be restarted by a test run meanwhile):
 * - 1 GiB (BENCH_MIB) upload and download through the pack's Azure Blob Storage node and through the
 *   Cloud Storage node (azure backend) inside a real n8n (filesystem binary mode): n8n's peak
 *   RSS beside a no-op workflow's, and the node's time beside the official SDK streaming the
 *   same file to the same server (BlockBlobClient.uploadStream with the same block size and
 *   concurrency; download() piped to a file);
 * - n8n's built-in Azure Storage node on the same file. It accepts only an https:// endpoint
 *   with the account in the host name, so a second Azurite serves TLS with production-style
 *   URLs (https://devstoreaccount1.blob.localhost:PORT); n8n resolves *.localhost through a
 *   preload (bench/lib/localhost-dns-preload.js), trusts the certificate through
 *   NODE_EXTRA_CA_CERTS and runs with N8N_AZURE_STORAGE_CUSTOM_ENDPOINTS_ENABLED=true. The
 *   pack's node is measured against that server too, for a like-for-like row.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { execFile, execFileSync, spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import {
	createReadStream,
	existsSync,
	linkSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	statSync,
} from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import { promisify } from 'util';

import { N8nInstance, PROJECT, type RunResult } from '../test/e2e/harness/n8n';
import {
	PACK,
	locator,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from '../test/e2e/harness/workflow';
import {
	RSS_SAMPLE_ENV,
	peakWhileNodeRan,
	printTable,
	profileOf,
	verdict,
	type Measurement,
	type RssReport,
} from './lib/measure';
import { BENCH_SIZE_LABEL, benchSource } from './lib/size';
import { printDownloadTargets } from './lib/targets';

const run = promisify(execFile);
const MiB = 1024 ** 2;
/** The pack's defaults (nodes/shared/storage/drivers/azure/upload.ts), used by the SDK baseline too. */
const BLOCK_SIZE = 8 * MiB;
const CONCURRENCY = 5;
const CONTAINER = 'bench';
const HTTPS_HOST = 'devstoreaccount1.blob.localhost';
const ROUNDS = Number(process.env.AZURE_BENCH_ROUNDS ?? 2);

const libFile = (name: string) =>
	[path.resolve(__dirname, 'lib', name), path.join(PROJECT, 'bench/lib', name)].find(existsSync)!;

interface WorkflowRun extends Measurement {
	run?: RunResult;
	/** peak RSS sampled while the measured node ran, MiB */
	nodePeakRssMiB?: number;
}

/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
	'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface BenchAzurite {
	/** Blob endpoint: http://127.0.0.1:PORT/ACCOUNT, or https://ACCOUNT.blob.localhost:PORT with TLS. */
	endpoint: string;
	cert?: string;
	stop: () => Promise<void>;
}

/**
 * An Azurite of the benchmark's own, stopped by its PID at the end: the shared one of
 * test/servers may be restarted by a test run meanwhile. With `tls`, it serves HTTPS with a
 * self-signed certificate and production-style URLs, for n8n's built-in node.
 */
async function startAzurite(dir: string, tls: boolean): Promise<BenchAzurite> {
	mkdirSync(dir, { recursive: true });
	const cert = path.join(dir, 'cert.pem');
	const key = path.join(dir, 'key.pem');
	if (tls && (!existsSync(cert) || !existsSync(key))) {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'7',
				'-keyout',
				key,
				'-out',
				cert,
				'-subj',
				`/CN=${HTTPS_HOST}`,
				'-addext',
				`subjectAltName=DNS:${HTTPS_HOST},DNS:localhost,IP:127.0.0.1`,
			],
			{ stdio: 'ignore' },
		);
	}
	const port = await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port: free } = server.address() as net.AddressInfo;
			server.close(() => resolve(free));
		});
	});
	const data = path.join(dir, 'data');
	rmSync(data, { recursive: true, force: true });
	mkdirSync(data, { recursive: true });
	const log = openSync(path.join(dir, 'azurite.log'), 'w');
	const child: ChildProcess = spawn(
		path.join(PROJECT, 'node_modules/.bin/azurite-blob'),
		[
			'--blobHost',
			'127.0.0.1',
			'--blobPort',
			String(port),
			...(tls ? ['--cert', cert, '--key', key] : []),
			'--skipApiVersionCheck',
			'--loose',
			'--disableTelemetry',
			'--location',
			data,
			'--silent',
		],
		{ stdio: ['ignore', log, log] },
	);
	const ca = tls ? readFileSync(cert) : undefined;
	const answers = () =>
		new Promise<boolean>((resolve) => {
			const options = { host: '127.0.0.1', port, path: `/${ACCOUNT}?comp=list` };
			const done = (response: http.IncomingMessage) => {
				response.resume();
				resolve(true);
			};
			const request = tls
				? https.get(
						{
							...options,
							path: '/?comp=list',
							servername: HTTPS_HOST,
							headers: { host: `${HTTPS_HOST}:${port}` },
							ca,
						},
						done,
					)
				: http.get(options, done);
			request.on('error', () => resolve(false));
		});
	for (let attempt = 0; !(await answers()); attempt++) {
		if (child.exitCode !== null || attempt > 100)
			throw new Error(
				`Azurite did not start: ${readFileSync(path.join(dir, 'azurite.log'), 'utf8')}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		endpoint: tls ? `https://${HTTPS_HOST}:${port}` : `http://127.0.0.1:${port}/${ACCOUNT}`,
		cert: tls ? cert : undefined,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(data, { recursive: true, force: true });
		},
	};
}

/** `n8n execute` with the preloads: the node's own time (n8n's run data), wall time, peak RSS. */
async function runWorkflow(
	n8n: N8nInstance,
	id: string,
	label: string,
	node?: string,
): Promise<WorkflowRun> {
	const rssFile = path.join(n8n.folder, `maxrss-${id}-${Date.now()}.jsonl`);
	const preloads = `--require ${libFile('maxrss-preload.js')} --require ${libFile('localhost-dns-preload.js')}`;
	const started = process.hrtime.bigint();
	let run: RunResult | undefined;
	let note: string | undefined;
	try {
		run = await n8n.execute(
			id,
			{ NODE_OPTIONS: preloads, CLOUD_PACK_MAXRSS_FILE: rssFile, ...RSS_SAMPLE_ENV },
			60 * 60_000,
		);
	} catch (error) {
		note = `FAILED: ${String((error as Error).message)
			.split('\n')
			.filter(Boolean)
			.slice(-3)
			.join(' ')
			.slice(0, 300)}`;
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const lines = existsSync(rssFile)
		? readFileSync(rssFile, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as RssReport)
		: [];
	rmSync(rssFile, { force: true });
	const main = lines.filter((line) => line.main === n8n.binaries.n8n);
	const peak = Math.max(0, ...(main.length ? main : lines).map((line) => line.maxRssKiB));
	let nodeSeconds: number | undefined;
	let nodePeakRssMiB: number | undefined;
	if (run && node) {
		const runs = run.raw.data.resultData.runData[node] as
			Array<{ executionTime: number; error?: { message?: string } }> | undefined;
		const last = runs?.[runs.length - 1];
		nodeSeconds = last ? last.executionTime / 1000 : undefined;
		if (last?.error) note = `FAILED: ${last.error.message}`;
		nodePeakRssMiB = peakWhileNodeRan(
			(main[0] ?? lines[0]) as RssReport | undefined,
			run.raw.data.resultData.runData,
			node,
		);
	}
	return {
		label,
		seconds: nodeSeconds ?? seconds,
		peakRssMiB: peak ? peak / 1024 : undefined,
		nodePeakRssMiB,
		run,
		profile: profileOf(main[0] ?? lines[0]),
		note: note ?? (node ? `node time; whole run ${seconds.toFixed(1)} s` : 'whole run'),
	};
}

/** Size of a binary item n8n stored on disk in filesystem mode. */
function storedSize(
	n8n: N8nInstance,
	run: RunResult | undefined,
	node: string,
): number | undefined {
	const binary = run?.output(node)[0]?.binary?.data as { id?: string } | undefined;
	if (!binary?.id) return undefined;
	const file = path.join(
		n8n.folder,
		'.n8n',
		'storage',
		binary.id.replace(/^filesystem(-v2)?:/, ''),
	);
	return existsSync(file) ? statSync(file).size : undefined;
}

/** n8n keeps each execution's binary data; drop it between runs (1 GiB each). */
function dropBinaryData(n8n: N8nInstance): void {
	rmSync(path.join(n8n.folder, '.n8n', 'storage'), { recursive: true, force: true });
}

/** The SDK baseline in its own process on n8n's Node: transfer time and that process's peak RSS. */
async function sdkRun(n8n: N8nInstance, label: string, args: string[]): Promise<WorkflowRun> {
	const rssFile = path.join(n8n.folder, `maxrss-sdk-${Date.now()}.jsonl`);
	const { stdout } = await run(n8n.binaries.node, [libFile('azure-sdk-transfer.js'), ...args], {
		cwd: PROJECT,
		env: {
			...process.env,
			NODE_OPTIONS: `--require ${libFile('maxrss-preload.js')}`,
			CLOUD_PACK_MAXRSS_FILE: rssFile,
		},
		maxBuffer: 16 * MiB,
		timeout: 60 * 60_000,
	});
	const { seconds } = JSON.parse(stdout.trim().split('\n').pop()!) as { seconds: number };
	const lines = existsSync(rssFile)
		? readFileSync(rssFile, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as { maxRssKiB: number })
		: [];
	rmSync(rssFile, { force: true });
	const peak = Math.max(0, ...lines.map((line) => line.maxRssKiB));
	return {
		label,
		seconds,
		peakRssMiB: peak ? peak / 1024 : undefined,
		note: 'SDK alone, same Node as n8n, same server',
	};
}

async function md5OfFile(file: string): Promise<string> {
	const hash = createHash('md5');
	for await (const chunk of createReadStream(file, { highWaterMark: 4 * MiB }))
		hash.update(chunk as Buffer);
	return hash.digest('hex');
}

async function main() {
	const dir = path.join(PROJECT, '.dev/bench/azure');
	mkdirSync(dir, { recursive: true });
	const source = await benchSource(dir);
	const sourceMd5 = await md5OfFile(source);

	const plain = await startAzurite(path.join(dir, 'azurite'), false);
	const tls = await startAzurite(path.join(dir, 'azurite-tls'), true);
	const azurite = {
		blobEndpoint: plain.endpoint,
		accountName: ACCOUNT,
		accountKey: ACCOUNT_KEY,
		connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${plain.endpoint};`,
	};
	const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
	const container = service.getContainerClient(CONTAINER);
	await container.createIfNotExists();

	// The same file under a Local-backend root (a hard link, no copy): n8n's own cost of storing a streamed 1 GiB.
	const localRoot = path.join(dir, 'local-root');
	rmSync(localRoot, { recursive: true, force: true });
	mkdirSync(path.join(localRoot, CONTAINER), { recursive: true });
	linkSync(source, path.join(localRoot, CONTAINER, 'big.bin'));

	const n8n = await N8nInstance.create({
		N8N_RESTRICT_FILE_ACCESS_TO: dir,
		N8N_AZURE_STORAGE_CUSTOM_ENDPOINTS_ENABLED: 'true',
		NODE_EXTRA_CA_CERTS: tls.cert!,
	});
	try {
		const packHttp = {
			cloudPackAzureBlobApi: { id: 'benchAzure00001', name: 'Bench Azure (pack, http)' },
		};
		const packTls = {
			cloudPackAzureBlobApi: { id: 'benchAzure00002', name: 'Bench Azure (pack, https)' },
		};
		const shared = {
			authentication: 'sharedKey',
			accountName: azurite.accountName,
			accountKey: azurite.accountKey,
		};
		await n8n.importCredentials([
			{
				id: 'benchAzure00001',
				name: 'Bench Azure (pack, http)',
				type: 'cloudPackAzureBlobApi',
				data: { ...shared, blobEndpoint: azurite.blobEndpoint },
			},
			{
				id: 'benchAzure00002',
				name: 'Bench Azure (pack, https)',
				type: 'cloudPackAzureBlobApi',
				data: { ...shared, blobEndpoint: tls.endpoint },
			},
			{
				id: 'benchLocal00001',
				name: 'Bench local (reference)',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: localRoot },
			},
			{
				id: 'benchAzure00003',
				name: 'Bench Azure (n8n built-in)',
				type: 'azureStorageSharedKeyApi',
				data: {
					account: azurite.accountName,
					key: azurite.accountKey,
					environment: 'custom',
					customEndpoint: `${tls.endpoint}/`,
				},
			},
		]);
		const readFile: WorkflowNode = {
			name: 'Read File',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: { operation: 'read', fileSelector: source },
		};
		const azureNode = (
			name: string,
			credentials: typeof packHttp,
			parameters: Record<string, unknown>,
		): WorkflowNode => ({
			name,
			type: `${PACK}.azureBlob`,
			parameters,
			credentials,
		});
		const storage = (name: string, parameters: Record<string, unknown>): WorkflowNode => ({
			name,
			type: `${PACK}.cloudStorage`,
			parameters: { backend: 'azure', ...parameters },
			credentials: packHttp,
		});
		const builtin = (name: string, parameters: Record<string, unknown>): WorkflowNode => ({
			name,
			type: 'n8n-nodes-base.azureStorage',
			parameters: { authentication: 'sharedKey', ...parameters },
			credentials: {
				azureStorageSharedKeyApi: { id: 'benchAzure00003', name: 'Bench Azure (n8n built-in)' },
			},
		});
		const upload = (name: string, credentials: typeof packHttp, blobName: string) =>
			azureNode(name, credentials, {
				resource: 'blob',
				operation: 'upload',
				container: locator(CONTAINER),
				blobName,
				options: { blockSize: BLOCK_SIZE / MiB, concurrency: CONCURRENCY },
			});
		const download = (name: string, credentials: typeof packHttp, blob: string) =>
			azureNode(name, credentials, {
				resource: 'blob',
				operation: 'download',
				container: locator(CONTAINER),
				blob: { __rl: true, mode: 'name', value: blob },
			});
		const byId = (value: string) => ({ __rl: true, mode: 'id', value });

		await n8n.importWorkflow(
			workflow('benchNoop', [manualTrigger, { name: 'No-op', type: 'n8n-nodes-base.noOp' }]),
		);
		await n8n.importWorkflow(workflow('benchReadOnly', [manualTrigger, readFile]));
		await n8n.importWorkflow(
			workflow('benchPackUp', [
				manualTrigger,
				readFile,
				upload('Upload', packHttp, 'pack/big.bin'),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchPackDown', [manualTrigger, download('Download', packHttp, 'pack/big.bin')]),
		);
		await n8n.importWorkflow(
			workflow('benchStorageUp', [
				manualTrigger,
				readFile,
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(CONTAINER),
					key: 'cloud-storage/big.bin',
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchStorageDown', [
				manualTrigger,
				storage('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(CONTAINER),
					key: { __rl: true, mode: 'key', value: 'cloud-storage/big.bin' },
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchLocalDown', [
				manualTrigger,
				{
					name: 'Download',
					type: `${PACK}.cloudStorage`,
					parameters: {
						backend: 'local',
						resource: 'object',
						operation: 'download',
						container: locator(CONTAINER),
						key: { __rl: true, mode: 'key', value: 'big.bin' },
					},
					credentials: {
						cloudPackLocalStorageApi: { id: 'benchLocal00001', name: 'Bench local (reference)' },
					},
				},
			]),
		);
		await n8n.importWorkflow(
			workflow('benchTlsSetup', [
				manualTrigger,
				azureNode('Create', packTls, {
					resource: 'container',
					operation: 'create',
					containerName: CONTAINER,
					ifNotExists: true,
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchTlsPackUp', [
				manualTrigger,
				readFile,
				upload('Upload', packTls, 'pack/big.bin'),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchTlsPackDown', [manualTrigger, download('Download', packTls, 'pack/big.bin')]),
		);
		await n8n.importWorkflow(
			workflow('benchBuiltinUp', [
				manualTrigger,
				readFile,
				builtin('Upload', {
					resource: 'blob',
					operation: 'create',
					container: byId(CONTAINER),
					blobCreate: 'builtin/big.bin',
					from: 'binary',
					binaryPropertyName: 'data',
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchBuiltinDown', [
				manualTrigger,
				builtin('Download', {
					resource: 'blob',
					operation: 'get',
					container: byId(CONTAINER),
					blob: byId('pack/big.bin'),
				}),
			]),
		);

		// Warm-up: n8n's first start runs its database migrations.
		await runWorkflow(n8n, 'benchNoop', 'warm-up');
		const noop = await runWorkflow(n8n, 'benchNoop', 'n8n: no-op workflow');
		const readOnly = await runWorkflow(
			n8n,
			'benchReadOnly',
			`n8n: Read File only (${BENCH_SIZE_LABEL} into n8n)`,
			'Read File',
		);
		dropBinaryData(n8n);

		// The machine may be shared: every pack/SDK pair runs ROUNDS times, interleaved; the
		// table keeps each row's fastest time and its highest peak RSS.
		const rounds: Record<string, WorkflowRun[]> = {};
		const keep = (row: WorkflowRun) => (rounds[row.label] ??= []).push(row);
		let sdkBytes = 0;
		let packDownBytes: number | undefined;
		let storageDownBytes: number | undefined;
		for (let round = 0; round < ROUNDS; round++) {
			keep(
				await sdkRun(n8n, `SDK: uploadStream (${BLOCK_SIZE / MiB} MiB blocks × ${CONCURRENCY})`, [
					'upload',
					azurite.connectionString,
					CONTAINER,
					'sdk/big.bin',
					source,
					String(BLOCK_SIZE),
					String(CONCURRENCY),
				]),
			);
			keep(await runWorkflow(n8n, 'benchPackUp', 'n8n + pack Azure node: upload', 'Upload'));
			dropBinaryData(n8n);
			keep(
				await runWorkflow(
					n8n,
					'benchStorageUp',
					'n8n + Cloud Storage node (azure): upload',
					'Upload',
				),
			);
			dropBinaryData(n8n);

			keep(
				await sdkRun(n8n, 'SDK: download() streamed to a file on disk', [
					'download',
					azurite.connectionString,
					CONTAINER,
					'pack/big.bin',
					path.join(dir, 'download.bin'),
				]),
			);
			sdkBytes = statSync(path.join(dir, 'download.bin')).size;
			rmSync(path.join(dir, 'download.bin'), { force: true });
			const packDown = await runWorkflow(
				n8n,
				'benchPackDown',
				'n8n + pack Azure node: download',
				'Download',
			);
			packDownBytes = storedSize(n8n, packDown.run, 'Download');
			keep(packDown);
			dropBinaryData(n8n);
			const storageDown = await runWorkflow(
				n8n,
				'benchStorageDown',
				'n8n + Cloud Storage node (azure): download',
				'Download',
			);
			storageDownBytes = storedSize(n8n, storageDown.run, 'Download');
			keep(storageDown);
			dropBinaryData(n8n);
		}
		const best = (label: string): WorkflowRun => {
			const rows = rounds[label];
			const fastest = rows.reduce((a, b) => (b.seconds < a.seconds ? b : a));
			const rss = rows
				.map((row) => row.peakRssMiB)
				.filter((value): value is number => value !== undefined);
			const times = rows.map((row) => row.seconds.toFixed(1)).join(' / ');
			const during = rows
				.map((row) => row.nodePeakRssMiB)
				.filter((value): value is number => value !== undefined);
			return {
				...fastest,
				peakRssMiB: rss.length ? Math.max(...rss) : undefined,
				nodePeakRssMiB: during.length ? Math.max(...during) : undefined,
				note: `${fastest.note ?? ''}; rounds: ${times} s${rss.length ? `, RSS ${rss.map((v) => v.toFixed(0)).join(' / ')} MiB` : ''}${during.length ? `; ${Math.max(...during).toFixed(0)} MiB peak while the node ran` : ''}`.replace(
					/^; /,
					'',
				),
			};
		};
		const sdkUp = best(`SDK: uploadStream (${BLOCK_SIZE / MiB} MiB blocks × ${CONCURRENCY})`);
		const packUp = best('n8n + pack Azure node: upload');
		const storageUp = best('n8n + Cloud Storage node (azure): upload');
		const sdkDown = best('SDK: download() streamed to a file on disk');
		const packDown = best('n8n + pack Azure node: download');
		const storageDown = best('n8n + Cloud Storage node (azure): download');

		const localDown = await runWorkflow(
			n8n,
			'benchLocalDown',
			'reference: n8n + Cloud Storage node (local) download of the same file',
			'Download',
		);
		dropBinaryData(n8n);

		const setup = await runWorkflow(n8n, 'benchTlsSetup', 'setup', 'Create');
		if (setup.note?.startsWith('FAILED'))
			throw new Error(`creating the container on the TLS Azurite: ${setup.note}`);
		const tlsPackUp = await runWorkflow(
			n8n,
			'benchTlsPackUp',
			'TLS Azurite: n8n + pack Azure node: upload',
			'Upload',
		);
		dropBinaryData(n8n);
		const builtinUp = await runWorkflow(
			n8n,
			'benchBuiltinUp',
			'TLS Azurite: n8n + built-in Azure Storage node: upload',
			'Upload',
		);
		dropBinaryData(n8n);
		const tlsPackDown = await runWorkflow(
			n8n,
			'benchTlsPackDown',
			'TLS Azurite: n8n + pack Azure node: download',
			'Download',
		);
		dropBinaryData(n8n);
		const builtinDown = await runWorkflow(
			n8n,
			'benchBuiltinDown',
			'TLS Azurite: n8n + built-in Azure Storage node: download',
			'Download',
		);
		const builtinDownBytes = storedSize(n8n, builtinDown.run, 'Download');
		dropBinaryData(n8n);

		printTable(
			`Azure Blob Storage on Azurite, ${BENCH_SIZE_LABEL}, n8n 2.40.7 (filesystem binary mode); peak RSS is the n8n process`,
			[
				noop,
				readOnly,
				sdkUp,
				packUp,
				storageUp,
				sdkDown,
				packDown,
				storageDown,
				localDown,
				tlsPackUp,
				builtinUp,
				tlsPackDown,
				builtinDown,
			],
		);
		const packed = await container.getBlobClient('pack/big.bin').getProperties();
		const stored = await container.getBlobClient('cloud-storage/big.bin').getProperties();
		const hex = (md5: Uint8Array | undefined) => (md5 ? Buffer.from(md5).toString('hex') : 'none');
		console.log(
			`source MD5 ${sourceMd5}; pack upload MD5 ${hex(packed.contentMD5)} (${packed.contentLength} B); Cloud Storage upload MD5 ${hex(stored.contentMD5)} (${stored.contentLength} B)`,
		);
		console.log(
			`downloaded bytes: SDK ${sdkBytes}, pack ${packDownBytes}, Cloud Storage ${storageDownBytes}, built-in ${builtinDownBytes ?? 'n/a'}`,
		);
		const above = (row: WorkflowRun) => (row.peakRssMiB ?? Number.NaN) - noop.peakRssMiB!;
		console.log(
			`upload workflows include n8n's Read File node, which alone peaks ${above(readOnly).toFixed(0)} MiB above the no-op workflow; the upload nodes add ${(packUp.peakRssMiB! - readOnly.peakRssMiB!).toFixed(0)} MiB (pack Azure node) and ${(storageUp.peakRssMiB! - readOnly.peakRssMiB!).toFixed(0)} MiB (Cloud Storage) on top of it`,
		);
		const whileRan = (row: WorkflowRun) =>
			(row.nodePeakRssMiB ?? row.peakRssMiB ?? Number.NaN) - noop.peakRssMiB!;
		console.log(
			verdict(
				'pack Azure node upload: n8n peak RSS while the node ran, above the no-op workflow',
				whileRan(packUp),
				100,
				'MiB',
			),
		);
		console.log(
			verdict(
				'Cloud Storage (azure) upload: n8n peak RSS while the node ran, above the no-op workflow',
				whileRan(storageUp),
				100,
				'MiB',
			),
		);
		console.log(
			verdict(
				'pack Azure node upload time ÷ SDK upload time',
				packUp.seconds / sdkUp.seconds,
				1.15,
				'×',
			),
		);
		console.log(
			verdict(
				'Cloud Storage (azure) upload time ÷ SDK upload time',
				storageUp.seconds / sdkUp.seconds,
				1.15,
				'×',
			),
		);
		printDownloadTargets({
			backend: 'Azure Blob Storage on Azurite',
			size: BENCH_SIZE_LABEL,
			noop,
			readFile: readOnly,
			sdk: sdkDown,
			nodes: [
				['Azure Blob Storage node', packDown],
				['Cloud Storage node (azure)', storageDown],
			],
		});
		for (const [what, row, pack] of [
			['upload', builtinUp, tlsPackUp],
			['download', builtinDown, tlsPackDown],
		] as const) {
			console.log(
				`built-in Azure Storage node ${what}: ${row.note?.startsWith('FAILED') ? row.note : `${row.seconds.toFixed(2)} s, peak RSS ${above(row).toFixed(0)} MiB above no-op`} — pack node on the same TLS server: ${pack.seconds.toFixed(2)} s, ${above(pack).toFixed(0)} MiB above no-op`,
			);
		}
	} finally {
		await n8n.dispose();
		await plain.stop();
		await tls.stop();
		rmSync(localRoot, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
