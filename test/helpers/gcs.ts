/** Shared set-up of the GCS tests: a throwaway service-account key and the emulator's details. */
import { generateKeyPairSync } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

export interface ServiceAccount {
	json: string;
	clientEmail: string;
	privateKey: string;
	publicKey: string;
	projectId: string;
}

let cached: ServiceAccount | undefined;

/** A service-account key made up for the tests (RSA 2048); never valid anywhere. */
export function throwawayServiceAccount(projectId = 'cloud-pack-test'): ServiceAccount {
	if (cached && cached.projectId === projectId) return cached;
	const { privateKey, publicKey } = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	const clientEmail = `cloud-pack-tests@${projectId}.iam.gserviceaccount.com`;
	const json = JSON.stringify({
		type: 'service_account',
		project_id: projectId,
		private_key_id: 'b3f1c0ffee0000000000000000000000deadbeef',
		private_key: privateKey,
		client_email: clientEmail,
		client_id: '100000000000000000001',
		auth_uri: 'https://accounts.google.com/o/oauth2/auth',
		token_uri: 'https://oauth2.googleapis.com/token',
	});
	cached = { json, clientEmail, privateKey, publicKey, projectId };
	return cached;
}

export interface GcsEmulator {
	emulatorHost: string;
	projectId: string;
	bucket: string;
	buckets: string[];
}

/** The running emulator (test/servers/gcs/start.sh); fails, never skips, when it is absent. */
export function gcsEmulator(): GcsEmulator {
	const file = path.resolve(__dirname, '../../.dev/servers/gcs.json');
	if (!existsSync(file)) {
		throw new Error(
			`${file} is missing: start the GCS emulator first (bash test/servers/gcs/start.sh, or test/servers/up.sh)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as GcsEmulator;
}

/** The pack's credential data for an endpoint. */
export function gcsCredentialData(
	endpoint: string | undefined,
	endpointType: 'emulator' | 'google' = 'emulator',
	projectId?: string,
) {
	const account = throwawayServiceAccount(projectId);
	return {
		serviceAccountKey: account.json,
		projectId: projectId ?? '',
		useCustomEndpoint: endpoint !== undefined,
		apiEndpoint: endpoint ?? '',
		endpointType,
	};
}
