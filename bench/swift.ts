/**
 * Swift benchmark against the local Swift behind Keystone (test/servers/openstack and
 * test/servers/swift), in one run, 1 GiB (BENCH_MIB), n8n in filesystem binary mode:
 * - upload through the OpenStack Object Storage node (a Static Large Object from pooled
 *   segment buffers) beside a plain streaming HTTP client in its own process (Node's `http`,
 *   one PUT of the same file to the same Swift, with a token obtained beforehand);
 * - download through the node beside the same client's one GET, and beside n8n's own Read
 *   File node reading the same file (n8n's ingest limit), and through the Cloud Storage node
 *   (swift backend), checked against the download targets (bench/lib/targets.ts);
 * - n8n's peak RSS while the node ran, beside a no-op workflow;
 * - the floors (lib/swift-plain-floor.js): the plain client sending the file as segments of the
 *   node's size, without and with their MD5s, and getting it with the MD5 checked on the way,
 *   that GET and a plain read of the file also written as n8n writes a stream — what a transfer
 *   that refuses damaged bytes costs on this machine without n8n.
 */
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'fs';
import * as path from 'path';

import { requestSession } from '../nodes/shared/openstack/keystone';
import { N8nInstance, PROJECT } from '../test/e2e/harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from '../test/e2e/harness/workflow';
import { storageDownloadWorkflow } from './lib/storageDownload';
import { httpRequest } from '../test/helpers/openstack/n8nCredentials';
import { memberAppCredential } from '../test/helpers/openstack/servers';
import { printTable, verdict } from './lib/measure';
import { runBaseline, runMeasured } from './lib/n8nRun';
import { BENCH_BYTES, BENCH_SIZE_LABEL, benchSource } from './lib/size';
import { printDownloadTargets } from './lib/targets';

const CONTAINER = 'bench-cloud-pack';
/** The node's defaults unless set: segment size (MiB) and segments in flight. */
const SEGMENT_MIB = Number(process.env.SWIFT_BENCH_SEGMENT_MIB ?? 8);
const CONCURRENCY = Number(process.env.SWIFT_BENCH_CONCURRENCY ?? 3);
const FLOOR = readFileSync(path.join(PROJECT, 'bench/lib/swift-plain-floor.js'), 'utf8');
/** Objects the run leaves: deleted at the end, large objects with their segments. */
const LARGE_OBJECTS = ['pack/big.bin', 'floor/unchecked.bin', 'floor/checked.bin'];

const PLAIN = `
const http = require('http');
const fs = require('fs');
const [method, url, token, file] = process.argv.slice(2);
const started = process.hrtime.bigint();
const done = (extra) => console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, ...extra }));
if (method === 'PUT') {
  const size = fs.statSync(file).size;
  const req = http.request(url, { method: 'PUT', headers: { 'X-Auth-Token': token, 'Content-Length': size, 'Content-Type': 'application/octet-stream' } }, (res) => {
    res.resume(); res.on('end', () => { if (res.statusCode !== 201) { console.error('PUT answered ' + res.statusCode); process.exit(1); } done({ status: res.statusCode }); });
  });
  fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
} else {
  http.get(url, { headers: { 'X-Auth-Token': token } }, (res) => {
    const out = fs.createWriteStream(file);
    res.pipe(out);
    out.on('finish', () => done({ status: res.statusCode, bytes: fs.statSync(file).size }));
  });
}
`;

async function main() {
	mkdirSync(path.join(PROJECT, '.dev/bench/swift'), { recursive: true });
	// n8n compares resolved paths with N8N_RESTRICT_FILE_ACCESS_TO (.dev may be a link)
	const dir = realpathSync(path.join(PROJECT, '.dev/bench/swift'));
	const source = await benchSource(dir);
	const credential = memberAppCredential();
	const session = await requestSession(httpRequest, credential, {});
	const storage = session.endpoints['object-store'];
	for (const container of [CONTAINER, `${CONTAINER}_segments`]) {
		await httpRequest({
			method: 'PUT',
			url: `${storage}/${container}`,
			headers: { 'X-Auth-Token': session.token },
		});
	}

	const n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: dir });
	try {
		await n8n.importCredentials([
			{
				id: 'benchOpenStack1',
				name: 'Bench OpenStack',
				type: 'cloudPackOpenStackApi',
				data: credential,
			},
		]);
		const swift = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: `${PACK}.openStackObjectStorage`,
			parameters,
			credentials: { cloudPackOpenStackApi: { id: 'benchOpenStack1', name: 'Bench OpenStack' } },
		});
		const readFile = {
			name: 'Read File',
			type: 'n8n-nodes-base.readWriteFile',
			parameters: { operation: 'read', fileSelector: source },
		};
		await n8n.importWorkflow(
			workflow('benchNoop', [manualTrigger, { name: 'No-op', type: 'n8n-nodes-base.noOp' }]),
		);
		await n8n.importWorkflow(workflow('benchReadOnly', [manualTrigger, readFile]));
		await n8n.importWorkflow(
			workflow('benchAccount', [
				manualTrigger,
				swift('Account', { resource: 'account', operation: 'get' }),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchSwiftUp', [
				manualTrigger,
				readFile,
				swift('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(CONTAINER),
					objectName: 'pack/big.bin',
					binaryPropertyName: 'data',
					options: { segmentSizeMiB: SEGMENT_MIB, concurrency: CONCURRENCY },
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchSwiftDown', [
				manualTrigger,
				swift('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(CONTAINER),
					object: keyLocator('pack/big.bin'),
					binaryPropertyName: 'data',
				}),
			]),
		);

		await n8n.importWorkflow(
			storageDownloadWorkflow('swift', CONTAINER, 'pack/big.bin', {
				cloudPackOpenStackApi: { id: 'benchOpenStack1', name: 'Bench OpenStack' },
			}),
		);

		// Warm-up: n8n's migrations, and the credential's token (kept with it for the runs after).
		await runMeasured(n8n, 'benchNoop', 'warm-up');
		await runMeasured(n8n, 'benchAccount', 'token');
		const noop = await runMeasured(n8n, 'benchNoop', 'n8n: no-op workflow');
		const readOnly = await runMeasured(
			n8n,
			'benchReadOnly',
			`n8n: Read File node alone (${BENCH_SIZE_LABEL} into n8n)`,
			'Read File',
		);

		const plainUp = runBaseline(
			n8n,
			'plain Node http: one PUT of the file',
			PLAIN,
			['PUT', `${storage}/${CONTAINER}/plain/big.bin`, session.token, source],
			'own process, same Node 24, same Swift',
		);
		const floorSegments = (object: string, check: boolean) =>
			runBaseline(
				n8n,
				`plain Node http: ${SEGMENT_MIB} MiB segments × ${CONCURRENCY}, ${check ? 'each with its MD5 as ETag' : 'no ETag'}`,
				FLOOR,
				[
					'segments',
					storage,
					session.token,
					CONTAINER,
					object,
					source,
					String(SEGMENT_MIB * 1024 * 1024),
					String(CONCURRENCY),
					check ? '1' : '0',
				],
				'own process: the floor of a segmented upload (reused buffers, then the manifest)',
			);
		const plainSegments = floorSegments('floor/unchecked.bin', false);
		const plainChecked = floorSegments('floor/checked.bin', true);
		const packUp = await runMeasured(
			n8n,
			'benchSwiftUp',
			`n8n + Swift node: upload (${SEGMENT_MIB} MiB segments × ${CONCURRENCY})`,
			'Upload',
		);
		const target = path.join(dir, 'download.bin');
		const plainDown = runBaseline(
			n8n,
			'plain Node http: one GET to a file',
			PLAIN,
			['GET', `${storage}/${CONTAINER}/plain/big.bin`, session.token, target],
			'own process, same Node 24, same Swift',
		);
		if (statSync(target).size !== BENCH_BYTES)
			throw new Error(`the plain client downloaded ${statSync(target).size} bytes`);
		rmSync(target, { force: true });
		/** A floor's download into `target`, removed once measured. */
		const floorDownload = (label: string, args: string[], note: string) => {
			const row = runBaseline(n8n, label, FLOOR, args, note);
			rmSync(target, { force: true });
			return row;
		};
		const checkedGet = ['get-md5', storage, session.token, CONTAINER, 'plain/big.bin', target];
		const plainDownChecked = floorDownload(
			'plain Node http: one GET to a file, MD5 checked on the way',
			checkedGet,
			'own process: the floor of a checked download',
		);
		const floorIngest = floorDownload(
			'plain Node http: one GET, MD5 checked, written as n8n writes a stream',
			['ingest-get', ...checkedGet.slice(1)],
			"own process: fs.promises.writeFile of the body, one awaited write per chunk (n8n's binary store)",
		);
		const floorIngestFile = floorDownload(
			'plain Node: the file read and written as n8n writes a stream',
			['ingest-file', source, target],
			"own process: fs.promises.writeFile of fs.createReadStream (n8n's Read File node)",
		);
		const packDown = await runMeasured(
			n8n,
			'benchSwiftDown',
			'n8n + Swift node: download',
			'Download',
		);
		const downloaded = packDown.run.output('Download')[0]?.json.size;
		if (downloaded !== BENCH_BYTES)
			throw new Error(`the Swift node downloaded ${downloaded} bytes`);
		const storageDown = await runMeasured(
			n8n,
			'benchStorageDown',
			'n8n + Cloud Storage node (swift): download',
			'Download',
		);
		const stored = storageDown.run.output('Download')[0]?.json.size;
		if (stored !== BENCH_BYTES)
			throw new Error(`the Cloud Storage node downloaded ${stored} bytes`);

		printTable(
			`Swift (through Keystone) on 127.0.0.1, ${BENCH_SIZE_LABEL}, n8n 2.40.7, filesystem binary mode; RSS = peak of the process`,
			[
				noop,
				readOnly,
				plainUp,
				plainSegments,
				plainChecked,
				packUp,
				plainDown,
				plainDownChecked,
				floorIngest,
				floorIngestFile,
				packDown,
				storageDown,
			],
		);
		const uploadInfo = packUp.run.output('Upload')[0]?.json ?? {};
		console.log(`pack upload: ${uploadInfo.segments} segments, ${uploadInfo.size} bytes`);
		console.log(
			verdict(
				'Swift node upload time ÷ plain client PUT time',
				packUp.seconds / plainUp.seconds,
				1.0,
				'×',
			),
		);
		console.log(
			verdict(
				'n8n peak RSS while the Swift node uploaded, above the no-op workflow',
				(packUp.nodePeakRssMiB ?? packUp.peakRssMiB!) - noop.peakRssMiB!,
				100,
				'MiB',
			),
		);
		console.log(
			`floors, outside n8n: segments without / with their MD5s ÷ the one PUT: ${(plainSegments.seconds / plainUp.seconds).toFixed(2)} × / ${(plainChecked.seconds / plainUp.seconds).toFixed(2)} ×; ` +
				`Swift node upload ÷ the checked segments: ${(packUp.seconds / plainChecked.seconds).toFixed(2)} ×; ` +
				`GET with the MD5 checked ÷ Read File: ${(plainDownChecked.seconds / readOnly.seconds).toFixed(2)} ×, ÷ the plain GET: ${(plainDownChecked.seconds / plainDown.seconds).toFixed(2)} ×; ` +
				`written as n8n writes, the checked GET ÷ the file: ${(floorIngest.seconds / floorIngestFile.seconds).toFixed(2)} ×; Swift node download ÷ that GET: ${(packDown.seconds / floorIngest.seconds).toFixed(2)} ×`,
		);
		printDownloadTargets({
			backend: 'Swift (through Keystone)',
			size: BENCH_SIZE_LABEL,
			noop,
			readFile: readOnly,
			sdk: plainDown,
			nodes: [
				['OpenStack Object Storage node', packDown],
				['Cloud Storage node (swift)', storageDown],
			],
		});
	} finally {
		for (const name of ['plain/big.bin', ...LARGE_OBJECTS]) {
			await httpRequest({
				method: 'DELETE',
				url: `${storage}/${CONTAINER}/${name}`,
				qs: LARGE_OBJECTS.includes(name) ? { 'multipart-manifest': 'delete' } : {},
				headers: { 'X-Auth-Token': session.token },
			}).catch(() => undefined);
		}
		await n8n.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
