/**
 * What loading the pack adds to n8n's start-up: n8n's own PackageDirectoryLoader loading
 * the installed package (what n8n does for a community package at start), in fresh Node 24
 * processes, beside loading nothing; and `n8n execute` of a no-op workflow with and without the pack.
 */
import { execFileSync } from 'child_process';
import { rmSync } from 'fs';
import * as path from 'path';

import { N8nInstance, ensureN8n } from '../test/e2e/harness/n8n';
import { manualTrigger, workflow } from '../test/e2e/harness/workflow';
import { measure, printTable, verdict } from './lib/measure';

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function loaderMs(node: string, n8nModules: string, packageDir: string | null): number {
	const script = `
const { PackageDirectoryLoader } = require(${JSON.stringify(path.join(n8nModules, 'n8n-core'))});
const started = process.hrtime.bigint();
const dir = ${JSON.stringify(packageDir)};
(dir ? new PackageDirectoryLoader(dir).loadAll() : Promise.resolve()).then(() => {
  console.log(Number(process.hrtime.bigint() - started) / 1e6);
});`;
	// n8n makes its own modules (n8n-workflow) resolvable for community packages; so does this.
	const env = { ...process.env, NODE_PATH: n8nModules };
	return Number(
		execFileSync(node, ['-e', script], { encoding: 'utf8', env }).trim().split('\n').pop(),
	);
}

async function main() {
	const bin = await ensureN8n();
	const n8nModules = path.resolve(path.dirname(bin.n8n), '../..');
	const withPack = await N8nInstance.create();
	const withoutPack = await N8nInstance.create();
	rmSync(path.join(withoutPack.folder, '.n8n/nodes'), { recursive: true, force: true });
	try {
		const packageDir = path.join(withPack.folder, '.n8n/nodes/node_modules/n8n-nodes-cloud-pack');
		const load = Array.from({ length: 7 }, () => loaderMs(bin.node, n8nModules, packageDir));
		const none = Array.from({ length: 7 }, () => loaderMs(bin.node, n8nModules, null));
		for (const n8n of [withPack, withoutPack]) {
			await n8n.importWorkflow(
				workflow('startupNoop', [manualTrigger, { name: 'No-op', type: 'n8n-nodes-base.noOp' }]),
			);
			await n8n.execute('startupNoop'); // migrations and first-start work happen here
		}
		const runs = async (n8n: N8nInstance, label: string) => {
			const times = [];
			for (let i = 0; i < 5; i++)
				times.push((await measure(label, () => n8n.execute('startupNoop'))).seconds);
			return { label, seconds: median(times) };
		};
		const a = await runs(withPack, 'n8n execute no-op, pack installed (median of 5)');
		const b = await runs(withoutPack, 'n8n execute no-op, no pack (median of 5)');
		const loadMs = median(load) - median(none);
		printTable('Start-up cost of the pack', [
			{
				label: "n8n's PackageDirectoryLoader on the pack (median of 7)",
				seconds: median(load) / 1000,
			},
			{ label: 'the same process loading nothing (median of 7)', seconds: median(none) / 1000 },
			a,
			b,
		]);
		console.log(verdict('time the pack adds to loading', loadMs, 300, 'ms'));
		console.log(`Whole-CLI difference (noisy): ${((a.seconds - b.seconds) * 1000).toFixed(0)} ms`);
	} finally {
		await withPack.dispose();
		await withoutPack.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
