/**
 * The storage backends of the WAN benchmark (bench/wan.ts): for each, the ports the relay must
 * carry, the set-up done on loopback in the parent process, and the four transfers run in the
 * client's namespace across the link — the pack's driver (the code of the provider node and of
 * the Cloud Storage node) and the official SDK's default (for Swift, which has no official
 * Node.js SDK, a plain streaming HTTP client with the same token).
 */
import { fork, type ChildProcess } from 'child_process';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'fs';
import * as http from 'http';
import * as path from 'path';
import { pipeline } from 'stream/promises';

import { requestSession } from '../../nodes/shared/openstack/keystone';
import { uploadBlob } from '../../nodes/shared/storage/drivers/azure/upload';
import { createAzureConnection } from '../../nodes/shared/storage/drivers/azure/client';
import { AzureStorageDriver } from '../../nodes/shared/storage/drivers/azure/driver';
import { createGcsClient, parseGcsCredential } from '../../nodes/shared/storage/drivers/gcs/client';
import { GcsStorageDriver } from '../../nodes/shared/storage/drivers/gcs/driver';
import type { GcsUploadOptions } from '../../nodes/shared/storage/drivers/gcs/upload';
import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { SwiftClient } from '../../nodes/shared/storage/drivers/swift/client';
import { SwiftStorageDriver } from '../../nodes/shared/storage/drivers/swift/driver';
import { uploadObject } from '../../nodes/shared/storage/drivers/swift/upload';
import type { StorageDriver } from '../../nodes/shared/storage/driver';
import { startRewritingProxy } from '../../test/helpers/forward';
import { gcsCredentialData } from '../../test/helpers/gcs';
import { credentialStore, openStackContext } from '../../test/helpers/openstack/context';
import { httpRequest } from '../../test/helpers/openstack/n8nCredentials';
import { memberAppCredential, openStackServers } from '../../test/helpers/openstack/servers';

const MiB = 1024 ** 2;
export const WAN_HOST = '10.77.0.2';
/** The far end's name in the client processes (resolved to WAN_HOST there). */
export const WAN_NAME = 'wan.localhost';
export const SOURCE_KEY = 'wan/source.bin';
const PACK_KEY = 'wan/pack.bin';
const SDK_KEY = 'wan/sdk.bin';
/** The GCS fake of this benchmark: its own process, on a port the relay carries. */
const GCS_PORT = 19_299;
const GCS_PROJECT = 'bench-project';

export type TransferName = 'pack-download' | 'sdk-download' | 'pack-upload' | 'sdk-upload';

export interface WanBackend {
	/** Ports on 127.0.0.1 that the relay in cpk-wan must carry. */
	ports(): number[];
	/** What the pack and the SDK do, for the table's title. */
	describe(): string;
	/** Stores the source object (loopback, parent process); returns what the children need. */
	prepare(source: string, bytes: number): Promise<Record<string, string>>;
	/** The SDK modules its baseline loads (the no-op process loads them too). */
	sdkModules: string[];
	/** The transfers, in a child process in the client's namespace. */
	transfers: Record<TransferName, (file: string) => Promise<void>>;
	/** Deletes what the run stored, stops what prepare started. */
	cleanup(): Promise<void>;
}

function projectFile(relative: string): string {
	const candidates = [
		path.resolve(__dirname, '../..', relative),
		path.resolve(__dirname, '../../../..', relative),
	];
	return candidates.find((file) => {
		try {
			return statSync(file).isFile();
		} catch {
			return false;
		}
	})!;
}

function serverJson<T>(name: string): T {
	return JSON.parse(readFileSync(projectFile(`.dev/servers/${name}.json`), 'utf8')) as T;
}

/** `url` with its host replaced by the link's far end. */
function overTheLink(url: string): string {
	return url.replace(/\/\/(127\.0\.0\.1|localhost)(?=[:/])/, `//${WAN_NAME}`);
}

/**
 * The pack's upload on this link: more parts in flight than the loopback defaults. S3 sends
 * its parts from the file (no buffer per part), so it can afford more of them.
 */
export function uploadTuning(backend?: 's3'): { concurrency: number; partSize: number } {
	const concurrency = Number(process.env.WAN_UPLOAD_CONCURRENCY ?? (backend === 's3' ? 24 : 12));
	const partSize = Number(process.env.WAN_UPLOAD_PART_MIB ?? (backend === 's3' ? 8 : 5)) * MiB;
	return { concurrency, partSize };
}

async function downloadTo(driver: StorageDriver, container: string, file: string) {
	const { stream } = await driver.download(container, SOURCE_KEY);
	await pipeline(stream, createWriteStream(file));
}

const asFile = (file: string) => ({ path: file, size: statSync(file).size });

// ---- S3 (the local Swift's s3api) -------------------------------------------------------

interface S3Server {
	s3Endpoint: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}
const S3_BUCKET = 'bench.cloud-pack-wan';

/** The pack's S3 service straight to the server (loopback: set-up and clean-up). */
const s3Local = async () => await s3Pack(serverJson<S3Server>('swift').s3Endpoint);

async function s3Pack(endpoint: string): Promise<S3Service> {
	const server = serverJson<S3Server>('swift');
	return await S3Service.fromCredential({
		provider: 'custom',
		authentication: 'accessKey',
		endpoint,
		region: server.region,
		forcePathStyle: true,
		accessKeyId: server.accessKeyId,
		secretAccessKey: server.secretAccessKey,
	});
}

/** The SDK with its defaults (checksums only when required: Swift's s3api). */
async function s3Sdk() {
	const { S3Client } = await import('@aws-sdk/client-s3');
	const server = serverJson<S3Server>('swift');
	return new S3Client({
		region: server.region,
		endpoint: overTheLink(server.s3Endpoint),
		forcePathStyle: true,
		credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
}

const s3: WanBackend = {
	sdkModules: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
	ports: () => [Number(new URL(serverJson<S3Server>('swift').s3Endpoint).port)],
	describe: () =>
		`pack: S3 driver, upload ${uploadTuning('s3').concurrency} × ${uploadTuning('s3').partSize / MiB} MiB parts streamed from the file; SDK: GetObject, lib-storage Upload (4 × 5 MiB)`,
	prepare: async (source, bytes) => {
		const local = await s3Local();
		await local.createBucket(S3_BUCKET, { ifNotExists: true });
		await local.upload(S3_BUCKET, SOURCE_KEY, createReadStream(source), { size: bytes });
		return {};
	},
	transfers: {
		'pack-download': async (file) => {
			const pack = await s3Pack(overTheLink(serverJson<S3Server>('swift').s3Endpoint));
			const { stream } = await pack.download(S3_BUCKET, SOURCE_KEY);
			await pipeline(stream, createWriteStream(file));
		},
		'sdk-download': async (file) => {
			const { GetObjectCommand } = await import('@aws-sdk/client-s3');
			const client = await s3Sdk();
			const answer = await client.send(
				new GetObjectCommand({ Bucket: S3_BUCKET, Key: SOURCE_KEY }),
			);
			await pipeline(answer.Body as NodeJS.ReadableStream, createWriteStream(file));
			client.destroy();
		},
		'pack-upload': async (file) => {
			const pack = await s3Pack(overTheLink(serverJson<S3Server>('swift').s3Endpoint));
			await pack.upload(S3_BUCKET, PACK_KEY, asFile(file), uploadTuning('s3'));
		},
		'sdk-upload': async (file) => {
			const { Upload } = await import('@aws-sdk/lib-storage');
			const client = await s3Sdk();
			const params = { Bucket: S3_BUCKET, Key: SDK_KEY, Body: createReadStream(file) };
			await new Upload({ client, params }).done();
			client.destroy();
		},
	},
	cleanup: async () => {
		const local = await s3Local();
		for (const key of [SOURCE_KEY, PACK_KEY, SDK_KEY])
			await local.deleteObject(S3_BUCKET, key).catch(() => undefined);
	},
};

// ---- Azure Blob Storage (Azurite) ---------------------------------------------------------

interface AzuriteServer {
	blobEndpoint: string;
	accountName: string;
	accountKey: string;
}
const AZURE_CONTAINER = 'bench-wan';

async function azurePack(blobEndpoint: string) {
	const server = serverJson<AzuriteServer>('azurite');
	return await createAzureConnection({
		authentication: 'sharedKey',
		accountName: server.accountName,
		accountKey: server.accountKey,
		blobEndpoint,
	});
}

/**
 * Azurite's endpoint across the link. Azurite (like Azure) takes the account from the first label
 * of a host name that is neither an IP address nor `localhost`: the account's own name is used.
 */
function azureOverTheLink(): string {
	const server = serverJson<AzuriteServer>('azurite');
	const url = new URL(server.blobEndpoint);
	return `http://${server.accountName}.${WAN_NAME}:${url.port}`;
}

/** The pack's Azure driver straight to Azurite (loopback: set-up and clean-up). */
async function azureLocal() {
	return new AzureStorageDriver(await azurePack(serverJson<AzuriteServer>('azurite').blobEndpoint));
}

async function azureSdkContainer() {
	const { BlobServiceClient } = await import('@azure/storage-blob');
	const server = serverJson<AzuriteServer>('azurite');
	const connection = `DefaultEndpointsProtocol=http;AccountName=${server.accountName};AccountKey=${server.accountKey};BlobEndpoint=${azureOverTheLink()};`;
	return BlobServiceClient.fromConnectionString(connection).getContainerClient(AZURE_CONTAINER);
}

const azure: WanBackend = {
	sdkModules: ['@azure/storage-blob'],
	ports: () => [Number(new URL(serverJson<AzuriteServer>('azurite').blobEndpoint).port)],
	describe: () =>
		`pack: Azure driver, upload ${uploadTuning().concurrency} × ${uploadTuning().partSize / MiB} MiB blocks; SDK: download(), uploadStream (5 × 8 MiB)`,
	prepare: async (source) => {
		const driver = await azureLocal();
		await driver.createContainer(AZURE_CONTAINER, { ifNotExists: true });
		await driver.upload(AZURE_CONTAINER, SOURCE_KEY, asFile(source));
		return {};
	},
	transfers: {
		'pack-download': async (file) => {
			const connection = await azurePack(azureOverTheLink());
			await downloadTo(new AzureStorageDriver(connection), AZURE_CONTAINER, file);
		},
		'sdk-download': async (file) => {
			const answer = await (await azureSdkContainer()).getBlobClient(SOURCE_KEY).download();
			await pipeline(answer.readableStreamBody!, createWriteStream(file));
		},
		'pack-upload': async (file) => {
			const connection = await azurePack(azureOverTheLink());
			const { concurrency, partSize } = uploadTuning();
			await uploadBlob(connection, AZURE_CONTAINER, PACK_KEY, asFile(file), {
				concurrency,
				blockSize: partSize,
			});
		},
		'sdk-upload': async (file) => {
			const blob = (await azureSdkContainer()).getBlockBlobClient(SDK_KEY);
			await blob.uploadStream(createReadStream(file));
		},
	},
	cleanup: async () => {
		const driver = await azureLocal();
		await driver.deleteContainer(AZURE_CONTAINER, { force: true }).catch(() => undefined);
	},
};

// ---- Google Cloud Storage (the GCS fake, own process) -------------------------------------

const GCS_BUCKET = 'bench-wan';
let gcsFake: ChildProcess | undefined;

async function startGcsFakeProcess(): Promise<void> {
	const server = path.resolve(__dirname, '../../test/fakes/gcs/server.js');
	const script = `
		require(${JSON.stringify(server)}).startGcsFake({ projectId: ${JSON.stringify(GCS_PROJECT)}, port: ${GCS_PORT} }).then((fake) => {
			fake.addBucket(${JSON.stringify(GCS_BUCKET)});
			process.send('ready');
		});`;
	const child = fork('-e', [script], {
		execArgv: [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	await new Promise<void>((resolve, reject) => {
		child.once('message', () => resolve());
		child.once('exit', (code) => reject(new Error(`the GCS fake exited (${code})`)));
	});
	gcsFake = child;
}

type GcsUploadDefaults = Pick<
	GcsUploadOptions,
	'compositeThreshold' | 'compositePartSize' | 'compositeConcurrency'
>;

async function gcsPack(host: string, uploadDefaults: GcsUploadDefaults = {}) {
	return new GcsStorageDriver(
		await createGcsClient(
			parseGcsCredential(gcsCredentialData(`http://${host}:${GCS_PORT}`, 'emulator', GCS_PROJECT)),
		),
		uploadDefaults,
	);
}

async function gcsSdkBucket() {
	const { Storage } = await import('@google-cloud/storage');
	const url = `http://${WAN_NAME}:${GCS_PORT}`;
	const storage = new Storage({ apiEndpoint: url, projectId: GCS_PROJECT });
	(storage as unknown as { baseUrl: string }).baseUrl = url; // the layout the fake serves
	return storage.bucket(GCS_BUCKET);
}

const gcs: WanBackend = {
	sdkModules: ['@google-cloud/storage'],
	ports: () => [GCS_PORT],
	describe: () =>
		`pack: GCS driver (parallel composite upload, ${uploadTuning().concurrency} parts of ${uploadTuning().partSize / MiB} MiB in flight); SDK: createReadStream, createWriteStream (resumable)`,
	prepare: async (source) => {
		await startGcsFakeProcess();
		const driver = await gcsPack('127.0.0.1');
		await driver.upload(GCS_BUCKET, SOURCE_KEY, asFile(source));
		await driver.close();
		return {};
	},
	transfers: {
		'pack-download': async (file) => {
			const driver = await gcsPack(WAN_NAME);
			await downloadTo(driver, GCS_BUCKET, file);
			await driver.close();
		},
		'sdk-download': async (file) => {
			const bucket = await gcsSdkBucket();
			await pipeline(bucket.file(SOURCE_KEY).createReadStream(), createWriteStream(file));
		},
		'pack-upload': async (file) => {
			const { concurrency, partSize } = uploadTuning();
			const driver = await gcsPack(WAN_NAME, {
				compositeThreshold: partSize,
				compositePartSize: partSize,
				compositeConcurrency: concurrency,
			});
			await driver.upload(GCS_BUCKET, PACK_KEY, asFile(file));
			await driver.close();
		},
		'sdk-upload': async (file) => {
			const bucket = await gcsSdkBucket();
			await pipeline(
				createReadStream(file),
				bucket.file(SDK_KEY).createWriteStream({ resumable: true }),
			);
		},
	},
	cleanup: async () => {
		gcsFake?.kill();
		gcsFake = undefined;
	},
};

// ---- OpenStack Object Storage (Swift behind Keystone) -------------------------------------

const SWIFT_CONTAINER = 'bench-wan';

/**
 * A SwiftClient across the link: Keystone is reached through a proxy in this process that
 * rewrites the catalog's Swift endpoint to the link's far end.
 */
async function swiftAcrossTheLink() {
	const servers = openStackServers();
	const keystone = new URL(servers.authUrl);
	const storage = new URL(servers.swift.proxyUrl).origin;
	const proxy = await startRewritingProxy(
		overTheLink(keystone.origin),
		storage,
		overTheLink(storage),
	);
	const authUrl = servers.authUrl.replace(keystone.origin, proxy.url);
	const swift = new SwiftClient(
		openStackContext(credentialStore(memberAppCredential({ authUrl }))).ctx,
	);
	return { swift, close: proxy.close };
}

/** A SwiftClient straight to the local Swift (loopback: set-up and clean-up). */
function swiftLocal() {
	return new SwiftClient(openStackContext(credentialStore(memberAppCredential())).ctx);
}

/** The plain client: one GET or PUT of the whole file, the token obtained beforehand. */
async function plainSwift(method: 'GET' | 'PUT', key: string, file: string) {
	const url = overTheLink(`${process.env.WAN_SWIFT_STORAGE}/${SWIFT_CONTAINER}/${key}`);
	const headers: Record<string, string | number> = { 'X-Auth-Token': process.env.WAN_SWIFT_TOKEN! };
	if (method === 'PUT') headers['Content-Length'] = statSync(file).size;
	await new Promise<void>((resolve, reject) => {
		const request = http.request(url, { method, headers }, (response) => {
			const ok = method === 'PUT' ? response.statusCode === 201 : response.statusCode === 200;
			if (!ok) reject(new Error(`${method} answered ${response.statusCode}`));
			if (method === 'PUT') {
				response.resume();
				response.on('end', resolve);
			} else void pipeline(response, createWriteStream(file)).then(resolve, reject);
		});
		request.on('error', reject);
		if (method === 'PUT') createReadStream(file, { highWaterMark: MiB }).pipe(request);
		else request.end();
	});
}

const swift: WanBackend = {
	sdkModules: [],
	ports: () => {
		const servers = openStackServers();
		return [Number(new URL(servers.authUrl).port), Number(new URL(servers.swift.proxyUrl).port)];
	},
	describe: () =>
		`pack: Swift driver, upload ${uploadTuning().concurrency} × ${uploadTuning().partSize / MiB} MiB segments; plain client: one GET, one PUT`,
	prepare: async (source) => {
		const session = await requestSession(httpRequest, memberAppCredential(), {});
		const local = swiftLocal();
		const driver = new SwiftStorageDriver(local);
		await driver.createContainer(SWIFT_CONTAINER, { ifNotExists: true });
		await driver.upload(SWIFT_CONTAINER, SOURCE_KEY, asFile(source));
		return { WAN_SWIFT_TOKEN: session.token, WAN_SWIFT_STORAGE: session.endpoints['object-store'] };
	},
	transfers: {
		'pack-download': async (file) => {
			const { swift: client, close } = await swiftAcrossTheLink();
			await downloadTo(new SwiftStorageDriver(client), SWIFT_CONTAINER, file);
			await close();
		},
		'sdk-download': async (file) => await plainSwift('GET', SOURCE_KEY, file),
		'pack-upload': async (file) => {
			const { swift: client, close } = await swiftAcrossTheLink();
			const { concurrency, partSize } = uploadTuning();
			await uploadObject(client, SWIFT_CONTAINER, PACK_KEY, asFile(file), {
				concurrency,
				segmentSize: partSize,
			});
			await close();
		},
		'sdk-upload': async (file) => await plainSwift('PUT', SDK_KEY, file),
	},
	cleanup: async () => {
		const local = swiftLocal();
		await new SwiftStorageDriver(local)
			.deleteContainer(SWIFT_CONTAINER, { force: true })
			.catch(() => undefined);
	},
};

export const WAN_BACKENDS: Record<string, WanBackend> = { s3, azure, gcs, swift };
