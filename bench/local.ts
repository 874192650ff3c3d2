/**
 * Local backend benchmark: 1 GiB (BENCH_MIB) upload then download through the Cloud Storage
 * node in a real n8n (filesystem binary mode), beside a no-op workflow's peak RSS, n8n's Read
 * File node on the same file and a plain streamed copy (the Local backend's "SDK": Node's fs).
 */
import { copyFileSync, mkdirSync, rmSync, statSync } from 'fs';
import * as path from 'path';

import { N8nInstance, PROJECT } from '../test/e2e/harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from '../test/e2e/harness/workflow';
import { measure, printTable, verdict } from './lib/measure';
import { runBaseline, runMeasured } from './lib/n8nRun';
import { BENCH_BYTES, BENCH_SIZE_LABEL, benchSource } from './lib/size';
import { printDownloadTargets } from './lib/targets';

/** fs streams, as a program without n8n would copy the object out of the store. */
const STREAM_COPY = `
const fs = require('fs');
const { pipeline } = require('stream/promises');
const [from, to] = process.argv.slice(2);
const started = process.hrtime.bigint();
pipeline(fs.createReadStream(from), fs.createWriteStream(to)).then(() =>
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes: fs.statSync(to).size })));
`;
const CREDENTIAL = { cloudPackLocalStorageApi: { id: 'benchLocal0001', name: 'Bench local' } };

async function main() {
	const dir = path.join(PROJECT, '.dev/bench/local');
	const store = path.join(dir, 'store');
	rmSync(store, { recursive: true, force: true });
	mkdirSync(path.join(store, 'bench'), { recursive: true });
	const source = await benchSource(dir);

	const n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: dir });
	try {
		await n8n.importCredentials([
			{
				id: 'benchLocal0001',
				name: 'Bench local',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: store },
			},
		]);
		const readFile = {
			name: 'Read File',
			type: 'n8n-nodes-base.readWriteFile',
			parameters: { operation: 'read', fileSelector: source },
		};
		const storage = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: `${PACK}.cloudStorage`,
			parameters: { backend: 'local', ...parameters },
			credentials: CREDENTIAL,
		});
		await n8n.importWorkflow(
			workflow('benchNoop', [manualTrigger, { name: 'No-op', type: 'n8n-nodes-base.noOp' }]),
		);
		await n8n.importWorkflow(workflow('benchReadOnly', [manualTrigger, readFile]));
		await n8n.importWorkflow(
			workflow('benchLocalUp', [
				manualTrigger,
				readFile,
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator('bench'),
					key: 'big.bin',
				}),
			]),
		);
		await n8n.importWorkflow(
			workflow('benchLocalDown', [
				manualTrigger,
				storage('Download', {
					resource: 'object',
					operation: 'download',
					container: locator('bench'),
					key: keyLocator('big.bin'),
				}),
			]),
		);

		await runMeasured(n8n, 'benchNoop', 'warm-up');
		const noop = await runMeasured(n8n, 'benchNoop', 'n8n: no-op workflow');
		const readOnly = await runMeasured(
			n8n,
			'benchReadOnly',
			`n8n: Read File node only (${BENCH_SIZE_LABEL} into n8n)`,
			'Read File',
		);
		const up = await runMeasured(
			n8n,
			'benchLocalUp',
			`n8n: Read File + Cloud Storage upload (${BENCH_SIZE_LABEL})`,
			'Upload',
		);
		if (statSync(path.join(store, 'bench', 'big.bin')).size !== BENCH_BYTES)
			throw new Error('the upload stored a different size');
		const copy = await measure(`plain file copy of ${BENCH_SIZE_LABEL} (fs.copyFile)`, async () =>
			copyFileSync(source, path.join(dir, 'copy.bin')),
		);
		const streamed = runBaseline(
			n8n,
			'fs streams: createReadStream piped to createWriteStream',
			STREAM_COPY,
			[path.join(store, 'bench', 'big.bin'), path.join(dir, 'copy.bin')],
			'own process, same Node as n8n',
		);
		rmSync(path.join(dir, 'copy.bin'), { force: true });
		const down = await runMeasured(
			n8n,
			'benchLocalDown',
			`n8n: Cloud Storage download (${BENCH_SIZE_LABEL})`,
			'Download',
		);
		const downloaded = down.run.output('Download')[0]?.json.size;
		if (downloaded !== BENCH_BYTES) throw new Error(`the download passed on ${downloaded} bytes`);

		printTable(`Local backend, ${BENCH_SIZE_LABEL}, n8n 2.40.7, filesystem binary mode`, [
			noop,
			readOnly,
			up,
			down,
			copy,
			streamed,
		]);
		console.log(
			verdict(
				'upload: peak RSS while the node ran, above no-op',
				(up.nodePeakRssMiB ?? up.peakRssMiB!) - noop.peakRssMiB!,
				100,
				'MiB',
			),
		);
		printDownloadTargets({
			backend: 'Local',
			size: BENCH_SIZE_LABEL,
			noop,
			readFile: readOnly,
			sdk: streamed,
			nodes: [['Cloud Storage node (local)', down]],
		});
	} finally {
		await n8n.dispose();
		rmSync(store, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
