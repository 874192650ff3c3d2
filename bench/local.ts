/**
 * Local backend benchmark: 1 GiB upload then download through the Cloud Storage node in a
 * real n8n (filesystem binary mode), beside a no-op workflow's peak RSS and a plain copy.
 */
import { copyFileSync, mkdirSync, rmSync } from 'fs';
import * as path from 'path';

import { N8nInstance, PROJECT } from '../test/e2e/harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from '../test/e2e/harness/workflow';
import { ensureBigFile } from './lib/bigFile';
import { measure, measureWorkflow, printTable, verdict } from './lib/measure';

const GiB = 1024 ** 3;
const CREDENTIAL = { cloudPackLocalStorageApi: { id: 'benchLocal0001', name: 'Bench local' } };

async function main() {
	const dir = path.join(PROJECT, '.dev/bench/local');
	const store = path.join(dir, 'store');
	rmSync(store, { recursive: true, force: true });
	mkdirSync(path.join(store, 'bench'), { recursive: true });
	const source = await ensureBigFile(path.join(dir, 'source-1GiB.bin'), GiB);

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

		const noop = await measureWorkflow(n8n, 'benchNoop', 'n8n: no-op workflow');
		const readOnly = await measureWorkflow(
			n8n,
			'benchReadOnly',
			'n8n: Read File node only (1 GiB into n8n)',
		);
		const up = await measureWorkflow(
			n8n,
			'benchLocalUp',
			'n8n: Read File + Cloud Storage upload (1 GiB)',
		);
		const down = await measureWorkflow(
			n8n,
			'benchLocalDown',
			'n8n: Cloud Storage download (1 GiB)',
		);
		const copy = await measure('plain file copy of 1 GiB (fs.copyFile)', async () =>
			copyFileSync(source, path.join(dir, 'copy.bin')),
		);
		rmSync(path.join(dir, 'copy.bin'), { force: true });

		printTable('Local backend, 1 GiB, n8n 2.40.7, filesystem binary mode', [
			noop,
			readOnly,
			up,
			down,
			copy,
		]);
		const uploadOnly = up.seconds - readOnly.seconds;
		console.log(
			`Upload step alone (upload workflow − read-only workflow): ${uploadOnly.toFixed(2)} s; download ${down.seconds.toFixed(2)} s; plain copy ${copy.seconds.toFixed(2)} s`,
		);
		console.log(
			verdict('upload peak RSS above no-op', up.peakRssMiB! - noop.peakRssMiB!, 100, 'MiB'),
		);
		console.log(
			verdict('download peak RSS above no-op', down.peakRssMiB! - noop.peakRssMiB!, 100, 'MiB'),
		);
	} finally {
		await n8n.dispose();
		rmSync(store, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
