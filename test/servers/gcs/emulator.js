#!/usr/bin/env node
/*
 * The firebase-tools Storage emulator, started programmatically and offline.
 *
 * firebase-tools' CLI refuses to start offline (it wants Java and downloads the rules
 * jar), so this script builds its StorageEmulator class directly and replaces the rules
 * runtime with an allow-all stub: no child process, no download, no network. It relies
 * on internal paths of firebase-tools, so package.json pins its version.
 *
 * Usage: node emulator.js --port PORT --project PROJECT --buckets a,b --dir DATA_DIR
 * Prints "ready <port>" on stdout once it listens on 127.0.0.1.
 */
'use strict';
const fs = require('fs');
const path = require('path');

function arg(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

const port = Number(arg('port', '19199'));
const projectId = arg('project', 'cloud-pack-test');
const buckets = arg('buckets', 'cloud-pack-test').split(',').filter(Boolean);
const dir = path.resolve(arg('dir', path.join(__dirname, '../../../.dev/servers/gcs')));

// The emulator keeps its blobs under os.tmpdir()/firebase/storage/blobs: keep ours apart.
fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
process.env.TMPDIR = path.join(dir, 'tmp');
// Nothing in the emulator may phone home.
process.env.FIREBASE_CLI_EXPERIMENTS = '';
process.env.IS_FIREBASE_CLI = 'true';

const root = path.dirname(require.resolve('firebase-tools/package.json'));
const { version } = require(path.join(root, 'package.json'));
const PINNED = '15.34.2';
if (version !== PINNED) {
	console.error(
		`firebase-tools ${version} is installed; this script was written against ${PINNED} (internal paths)`,
	);
	process.exit(1);
}
const lib = (p) => require(path.join(root, 'lib', p));
const runtime = lib('emulator/storage/rules/runtime');
const { StorageEmulator } = lib('emulator/storage/index');
const { EmulatorRegistry } = lib('emulator/registry');

// ---- the allow-all rules runtime ------------------------------------------------------
const noIssues = () => new runtime.StorageRulesIssues();
const allowAll = {
	verify: async () => ({ permitted: true, issues: noIssues() }),
	unload: () => undefined,
};
Object.assign(runtime.StorageRulesRuntime.prototype, {
	async start() {
		this._alive = true;
	},
	async stop() {
		this._alive = false;
	},
	async loadRuleset() {
		return { ruleset: allowAll, issues: noIssues() };
	},
	async verifyWithRuleset() {
		return { permitted: true, issues: noIssues() };
	},
});

async function main() {
	const rulesFile = path.join(dir, 'storage.rules');
	fs.writeFileSync(
		rulesFile,
		"rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read, write: if true; } } }\n",
	);
	const emulator = new StorageEmulator({
		projectId,
		host: '127.0.0.1',
		port,
		rules: { name: rulesFile, content: fs.readFileSync(rulesFile, 'utf8') },
		auto_download: false,
	});
	await emulator.start();
	// The resumable-upload answer builds its Location from the registry when the request has no Host.
	if (EmulatorRegistry.INSTANCES) EmulatorRegistry.INSTANCES.set('storage', emulator);
	// The emulator cannot create buckets through the API: it makes one on first use of
	// /b/<name>/…, and lists only those. Pre-create the ones the tests use, through its
	// storage layers (the admin layer serves the GCS JSON API, the other the Firebase API).
	for (const bucket of buckets) {
		emulator.adminStorageLayer.createBucket(bucket);
		emulator.storageLayer.createBucket(bucket);
	}
	const stop = async () => {
		try {
			await emulator.stop();
		} finally {
			process.exit(0);
		}
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	console.log(`ready ${port}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
