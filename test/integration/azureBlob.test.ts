import {
	generateAccountSASQueryParameters,
	AccountSASPermissions,
	StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { Readable } from 'stream';

import {
	deleteBlob,
	getBlobProperties,
	listBlobsPage,
	setAccessTier,
} from '../../nodes/shared/storage/drivers/azure/blobs';
import { copyBlob } from '../../nodes/shared/storage/drivers/azure/copy';
import { downloadBlob } from '../../nodes/shared/storage/drivers/azure/download';
import { chooseBlockSize, uploadBlob } from '../../nodes/shared/storage/drivers/azure/upload';
import {
	createAzureConnection,
	type AzureConnection,
} from '../../nodes/shared/storage/drivers/azure/client';
import {
	createContainer,
	deleteContainer,
	getContainerProperties,
	listContainers,
	listContainersPage,
	setContainerMetadata,
} from '../../nodes/shared/storage/drivers/azure/containers';
import { AzureServiceError } from '../../nodes/shared/storage/drivers/azure/errors';
import { containerNameProblem } from '../../nodes/shared/storage/drivers/azure/names';
import {
	generateBlobSasUrl,
	MAX_USER_DELEGATION_SAS_SECONDS,
} from '../../nodes/shared/storage/drivers/azure/sas';
import {
	AuthError,
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	HashMismatchError,
	InvalidNameError,
	ObjectNotFoundError,
	StorageError,
} from '../../nodes/shared/storage/errors';
import { testAzureBlobCredential } from '../../nodes/AzureBlob/methods/testAzureBlobCredential';
import {
	QUICK_POLICY,
	azurite,
	azuriteServer,
	bytes,
	md5,
	readAll,
	uniqueContainer,
	rejection,
} from './azureSupport';
import { brokenAfter } from '../helpers/streams';

jest.setTimeout(120_000);

async function exists(azure: AzureConnection, container: string, blob: string): Promise<boolean> {
	return await azure.service.getContainerClient(container).getBlobClient(blob).exists();
}

/** Blocks staged for a blob and never committed (none, when the blob was never staged to). */
async function uncommittedBlocks(
	azure: AzureConnection,
	container: string,
	blob: string,
): Promise<number> {
	const client = azure.service.getContainerClient(container).getBlockBlobClient(blob);
	const list = await client.getBlockList('uncommitted').catch((error: { statusCode?: number }) => {
		if (error.statusCode === 404) return { uncommittedBlocks: [] };
		throw error;
	});
	return list.uncommittedBlocks?.length ?? 0;
}

async function containerExists(azure: AzureConnection, container: string): Promise<boolean> {
	return await azure.service.getContainerClient(container).exists();
}

/** A stream that delivers `good` bytes, then fails. */
function failingStream(good: Buffer): Readable {
	return brokenAfter(good.length, new Error('the source broke off'), good);
}

describe('Azure Blob Storage operations against Azurite', () => {
	let azure: AzureConnection;
	const created: string[] = [];
	const fresh = (label: string) => {
		const name = uniqueContainer(label);
		created.push(name);
		return name;
	};

	beforeAll(async () => {
		azure = await azurite();
	});

	afterAll(async () => {
		for (const name of created) await azure.service.getContainerClient(name).deleteIfExists();
	});

	describe('credentials', () => {
		it("retries by the pack's policy instead of the SDK's (see azureRetry.test.ts)", () => {
			const names = (azure.service as any).storageClientContext.pipeline
				.getOrderedPolicies()
				.map((policy: { name: string }) => policy.name);
			expect(names).toContain('cloudPackRetryPolicy');
			expect(names).not.toContain('storageRetryPolicy');
		});

		it('connects with a connection string, account key, and SAS token, and lists the same container', async () => {
			const server = azuriteServer();
			const name = fresh('creds');
			await createContainer(azure, name);
			const sas = generateAccountSASQueryParameters(
				{
					expiresOn: new Date(Date.now() + 3600_000),
					permissions: AccountSASPermissions.parse('rl'),
					resourceTypes: 'sco',
					services: 'b',
					protocol: 'https,http' as never,
				},
				new StorageSharedKeyCredential(server.accountName, server.accountKey),
			).toString();
			const connections = {
				connectionString: await createAzureConnection({
					authentication: 'connectionString',
					connectionString: server.connectionString,
				}),
				sharedKey: azure,
				sasToken: await createAzureConnection({
					authentication: 'sasToken',
					sasToken: `?${sas}`,
					blobEndpoint: server.blobEndpoint,
				}),
				sasUrl: await createAzureConnection({
					authentication: 'sasToken',
					sasToken: `${server.blobEndpoint}?${sas}`,
				}),
			};
			for (const [mode, connection] of Object.entries(connections)) {
				const names = (await listContainers(connection, { prefix: name })).map((c) => c.name);
				expect({ mode, names }).toEqual({ mode, names: [name] });
				expect(connection.endpoint).toBe(server.blobEndpoint);
				expect(connection.accountName).toBe(server.accountName);
			}
			expect(connections.connectionString.sharedKey).toBeDefined();
			expect(connections.sasToken.sharedKey).toBeUndefined();
		});

		it('rejects a wrong account key with a clear error that holds no secret', async () => {
			const wrongKey = Buffer.from('w'.repeat(64)).toString('base64');
			const bad = await azurite({ accountKey: wrongKey }, QUICK_POLICY);
			const error = await rejection(listContainers(bad));
			expect(error).toBeInstanceOf(AuthError);
			expect(error.message).toMatch(
				/Azure refused the credential \(Authori[sz]ationFailure|AuthenticationFailed/,
			);
			expect(error.message).toMatch(/check the account name and account key/);
			expect(error.message).not.toContain(wrongKey);
			expect(error.message).not.toContain(azuriteServer().accountKey);
		});

		it('rejects a tampered SAS token credential, and a key that is not base64 before any request', async () => {
			const server = azuriteServer();
			const sas = generateAccountSASQueryParameters(
				{
					expiresOn: new Date(Date.now() + 3600_000),
					permissions: AccountSASPermissions.parse('rl'),
					resourceTypes: 'sco',
					services: 'b',
					protocol: 'https,http' as never,
				},
				new StorageSharedKeyCredential(server.accountName, server.accountKey),
			).toString();
			const tampered = sas.replace(
				/sig=[^&]+/,
				'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D',
			);
			const connection = await createAzureConnection(
				{ authentication: 'sasToken', sasToken: tampered, blobEndpoint: server.blobEndpoint },
				QUICK_POLICY,
			);
			const error = await rejection(listContainers(connection));
			expect(error).toBeInstanceOf(AuthError);
			expect(error.message).toMatch(/SAS token/);
			expect(error.message).not.toContain('AAAAAAAAAAAAAAAAAAAAAAAA');

			const notBase64 = await rejection(azurite({ accountKey: 'not a key!' }));
			expect(notBase64).toBeInstanceOf(AuthError);
			expect(notBase64.message).toMatch(/"Account Key" .* not a base64 key/);
			const noSig = await rejection(
				createAzureConnection({
					authentication: 'sasToken',
					sasToken: 'sv=2024-11-04&sp=r',
					blobEndpoint: server.blobEndpoint,
				}),
			);
			expect(noSig.message).toMatch(/"SAS Token" .* no signature/);
			const badAccount = await rejection(
				createAzureConnection({
					authentication: 'sharedKey',
					accountName: 'Bad_Name',
					accountKey: server.accountKey,
				}),
			);
			expect(badAccount.message).toMatch(/"Account Name" "Bad_Name" .* invalid/);
			const badEndpoint = await rejection(azurite({ blobEndpoint: 'ftp://127.0.0.1/x' }));
			expect(badEndpoint.message).toMatch(/"Blob Endpoint" .* https:\/\//);
		});

		it('reports an unreachable endpoint by its address', async () => {
			const connection = await azurite(
				{ blobEndpoint: 'http://127.0.0.1:9/devstoreaccount1' },
				QUICK_POLICY,
			);
			const error = await rejection(listContainers(connection));
			expect(error).toBeInstanceOf(AzureServiceError);
			expect(error.message).toBe(
				'Cannot reach the Azure Blob endpoint http://127.0.0.1:9/devstoreaccount1: the connection was refused; check the endpoint, and that the service runs',
			);
			expect((error as AzureServiceError).code).toBe('ECONNREFUSED');
		});

		it('tests a credential the way n8n does: OK for Azurite, a clear error for a wrong key', async () => {
			const server = azuriteServer();
			const test = (data: Record<string, unknown>) =>
				testAzureBlobCredential.call(
					{} as ICredentialTestFunctions,
					{ id: 'x', name: 'x', type: 'cloudPackAzureBlobApi', data } as never,
				);
			const ok = await test({
				authentication: 'connectionString',
				connectionString: server.connectionString,
			});
			expect(ok.status).toBe('OK');
			expect(ok.message).toMatch(new RegExp(`^Connected to ${server.blobEndpoint}`));
			const wrongKey = Buffer.from('k'.repeat(64)).toString('base64');
			const bad = await test({
				authentication: 'sharedKey',
				accountName: server.accountName,
				accountKey: wrongKey,
				blobEndpoint: server.blobEndpoint,
			});
			expect(bad.status).toBe('Error');
			expect(bad.message).toMatch(/^Azure refused the credential/);
			expect(bad.message).not.toContain(wrongKey);
			const unset = await test({ authentication: 'entraId', accountName: 'acct', tenantId: 't' });
			expect(unset).toEqual({
				status: 'Error',
				message: 'Set the "Client ID" of the Azure Blob Storage credential',
			});
		});

		it('builds an Entra ID client without contacting anyone, and limits its SAS to 7 days', async () => {
			const connection = await createAzureConnection({
				authentication: 'entraId',
				accountName: 'myaccount',
				tenantId: '00000000-0000-0000-0000-000000000001',
				clientId: '00000000-0000-0000-0000-000000000002',
				clientSecret: 'entra-secret-value',
				cloud: 'usGovernment',
			});
			expect(connection.endpoint).toBe('https://myaccount.blob.core.usgovcloudapi.net');
			expect(connection.sharedKey).toBeUndefined();
			const error = await rejection(
				generateBlobSasUrl(connection, 'reports', 'a.txt', {
					permissions: ['read'],
					expiresInSeconds: MAX_USER_DELEGATION_SAS_SECONDS + 1,
				}),
			);
			expect(error).toBeInstanceOf(InvalidNameError);
			expect(error.message).toMatch(
				/"Expires In \(Seconds\)": 604801 must be a whole number from 1 to 604800/,
			);
		});
	});

	describe('containers', () => {
		it('creates, ensures, reads, updates and deletes a container', async () => {
			const name = fresh('life');
			const first = await createContainer(azure, name, {
				metadata: { owner: 'team_a' },
				publicAccess: 'blob',
			});
			expect(first.created).toBe(true);
			expect(first.container).toMatchObject({
				name,
				publicAccess: 'blob',
				metadata: { owner: 'team_a' },
			});

			const again = await rejection(createContainer(azure, name));
			expect(again).toBeInstanceOf(ContainerAlreadyExistsError);
			expect(again.message).toBe(`Container "${name}" already exists`);

			const ensured = await createContainer(azure, name, {
				ifNotExists: true,
				metadata: { owner: 'other' },
			});
			expect(ensured.created).toBe(false);
			expect(ensured.container.metadata).toEqual({ owner: 'team_a' });

			const updated = await setContainerMetadata(azure, name, { Project: 'apollo', stage: 'prod' });
			expect(updated.metadata).toEqual({ project: 'apollo', stage: 'prod' });
			expect(
				(await listContainers(azure, { prefix: name, includeMetadata: true }))[0].metadata,
			).toEqual({ project: 'apollo', stage: 'prod' });

			// Public access "blob": anyone may read a blob without a signature.
			await uploadBlob(azure, name, 'public.txt', Readable.from([Buffer.from('open')]));
			const anonymous = await fetch(`${azure.endpoint}/${name}/public.txt`);
			expect(anonymous.status).toBe(200);
			expect(await anonymous.text()).toBe('open');

			const notEmpty = await rejection(deleteContainer(azure, name));
			expect(notEmpty).toBeInstanceOf(ContainerNotEmptyError);
			expect(await containerExists(azure, name)).toBe(true);
			await deleteContainer(azure, name, { force: true });
			expect(await containerExists(azure, name)).toBe(false);

			const missing = await rejection(getContainerProperties(azure, name));
			expect(missing).toBeInstanceOf(ContainerNotFoundError);
			expect(await rejection(deleteContainer(azure, name, { force: true }))).toBeInstanceOf(
				ContainerNotFoundError,
			);
		});

		it('lists containers by prefix, page by page and up to a limit', async () => {
			const prefix = uniqueContainer('lst').slice(0, 40);
			const names = ['a', 'b', 'c', 'd', 'e'].map((suffix) => `${prefix}-${suffix}`);
			created.push(...names);
			for (const name of names)
				await createContainer(azure, name, { metadata: { letter: name.slice(-1) } });

			expect((await listContainers(azure, { prefix })).map((c) => c.name)).toEqual(names);
			expect((await listContainers(azure, { prefix, limit: 3 })).map((c) => c.name)).toEqual(
				names.slice(0, 3),
			);
			const withMetadata = await listContainers(azure, { prefix, includeMetadata: true, limit: 1 });
			expect(withMetadata[0].metadata).toEqual({ letter: 'a' });

			const first = await listContainersPage(azure, { prefix, pageSize: 2 });
			expect(first.containers.map((c) => c.name)).toEqual(names.slice(0, 2));
			expect(first.nextPageToken).toBeTruthy();
			const second = await listContainersPage(azure, {
				prefix,
				pageSize: 2,
				pageToken: first.nextPageToken,
			});
			expect(second.containers.map((c) => c.name)).toEqual(names.slice(2, 4));
		});

		it.each([
			['Reports', /lowercase letters, digits and hyphens/],
			['ab', /3 to 63 characters/],
			['a'.repeat(64), /3 to 63 characters/],
			['my--box', /two hyphens in a row/],
			['-box', /start and end with a letter or a digit/],
			['box-', /start and end with a letter or a digit/],
			['my_box', /lowercase letters, digits and hyphens/],
			['', /must not be empty/],
		])(
			'refuses the container name %p before any request, creating nothing',
			async (name, reason) => {
				const before = (await listContainers(azure)).length;
				const error = await rejection(
					createContainer(
						azure,
						name,
						{},
						{ parameter: 'containerName', label: '"Container Name"' },
					),
				);
				expect(error).toBeInstanceOf(InvalidNameError);
				expect((error as StorageError).parameter).toBe('containerName');
				expect(error.message).toMatch(/^Invalid "Container Name"/);
				expect(error.message).toMatch(reason);
				expect((await listContainers(azure)).length).toBe(before);
			},
		);

		it('accepts the names Azure itself uses and valid edge names', () => {
			for (const name of ['$root', '$web', 'abc', 'a-b-c', '0'.repeat(63)])
				expect(containerNameProblem(name)).toBeUndefined();
		});
	});

	describe('blobs', () => {
		let container: string;

		beforeAll(async () => {
			container = fresh('blobs');
			await createContainer(azure, container);
		});

		it('uploads in staged blocks with bounded concurrency and reads back the same bytes and properties', async () => {
			const data = bytes(5 * 1024 * 1024 + 123, 7);
			const staged: number[] = [];
			const client = azure.service.getContainerClient(container).getBlockBlobClient('big/data.bin');
			const info = await uploadBlob(
				azure,
				container,
				'big/data.bin',
				Readable.from(chunks(data, 64 * 1024)),
				{
					contentType: 'application/x-test',
					metadata: { Source: 'integration' },
					tags: { project: 'apollo', stage: 'test run' },
					tier: 'Cool',
					blockSize: 1024 * 1024,
					concurrency: 3,
				},
			);
			expect(info).toMatchObject({
				container,
				name: 'big/data.bin',
				size: data.length,
				md5: md5(data),
				contentType: 'application/x-test',
			});
			const blocks = await client.getBlockList('committed');
			for (const block of blocks.committedBlocks ?? []) staged.push(block.size);
			expect(staged).toEqual([...Array(5).fill(1024 * 1024), 123]);

			const properties = await getBlobProperties(azure, container, 'big/data.bin', {
				includeTags: true,
			});
			expect(properties).toMatchObject({
				size: data.length,
				md5: md5(data),
				contentType: 'application/x-test',
				accessTier: 'Cool',
				blobType: 'BlockBlob',
				metadata: { source: 'integration' },
				tags: { project: 'apollo', stage: 'test run' },
			});
			const { info: downloaded, stream } = await downloadBlob(azure, container, 'big/data.bin');
			expect(downloaded.size).toBe(data.length);
			expect(downloaded.md5).toBe(md5(data));
			expect(md5(await readAll(stream))).toBe(md5(data));
		});

		it('grows the block size when 50,000 blocks would not hold the object', () => {
			expect(chooseBlockSize(undefined, 1024)).toBe(8 * 1024 * 1024);
			expect(chooseBlockSize(4 * 1024 * 1024, 500 * 1024 ** 3)).toBe(11 * 1024 * 1024);
			expect(chooseBlockSize(1, undefined)).toBe(1024 * 1024);
		});

		it('downloads byte ranges, an empty blob, and refuses a range beyond the end', async () => {
			const data = Buffer.from('0123456789abcdefghij');
			await uploadBlob(azure, container, 'range.txt', Readable.from([data]), {
				contentType: 'text/plain',
			});
			const middle = await downloadBlob(azure, container, 'range.txt', { start: 5, end: 9 });
			expect((await readAll(middle.stream)).toString()).toBe('56789');
			expect(middle.info).toMatchObject({ size: 5, range: 'bytes 5-9/20', md5: md5(data) });
			const tail = await downloadBlob(azure, container, 'range.txt', { start: 15 });
			expect((await readAll(tail.stream)).toString()).toBe('fghij');

			const beyond = await rejection(downloadBlob(azure, container, 'range.txt', { start: 50 }));
			expect(beyond).toBeInstanceOf(InvalidNameError);
			expect((beyond as StorageError).parameter).toBe('rangeStart');
			const backwards = await rejection(
				downloadBlob(azure, container, 'range.txt', { start: 5, end: 2 }),
			);
			expect(backwards.message).toMatch(/"Range End": 2 is before "Range Start" \(5\)/);

			await uploadBlob(azure, container, 'empty.txt', Readable.from([]));
			const empty = await downloadBlob(azure, container, 'empty.txt');
			expect((await readAll(empty.stream)).length).toBe(0);
			expect(empty.info.size).toBe(0);
		});

		it('reports a missing blob by name', async () => {
			const error = await rejection(
				downloadBlob(azure, container, 'nope/missing.txt', undefined, { blobParameter: 'blob' }),
			);
			expect(error).toBeInstanceOf(ObjectNotFoundError);
			expect(error.message).toBe(
				`Object "nope/missing.txt" does not exist in container "${container}"`,
			);
			expect((error as StorageError).parameter).toBe('blob');
			expect(await rejection(getBlobProperties(azure, container, 'nope'))).toBeInstanceOf(
				ObjectNotFoundError,
			);
			expect(await rejection(downloadBlob(azure, uniqueContainer('nobox'), 'x'))).toBeInstanceOf(
				ContainerNotFoundError,
			);
		});

		it('commits nothing when the source stream fails midway, and keeps an existing blob intact', async () => {
			const error = await rejection(
				uploadBlob(azure, container, 'broken.bin', failingStream(bytes(3 * 1024 * 1024)), {
					blockSize: 1024 * 1024,
				}),
			);
			expect(error.message).toMatch(/the source broke off/);
			expect(await exists(azure, container, 'broken.bin')).toBe(false);
			expect(await uncommittedBlocks(azure, container, 'broken.bin')).toBe(0);

			await uploadBlob(azure, container, 'keep.txt', Readable.from([Buffer.from('original')]));
			await rejection(
				uploadBlob(azure, container, 'keep.txt', failingStream(bytes(2 * 1024 * 1024)), {
					blockSize: 1024 * 1024,
				}),
			);
			const { stream } = await downloadBlob(azure, container, 'keep.txt');
			expect((await readAll(stream)).toString()).toBe('original');
		});

		it('commits nothing when the expected MD5 does not match', async () => {
			const data = bytes(2 * 1024 * 1024 + 5, 3);
			const error = await rejection(
				uploadBlob(azure, container, 'checked.bin', Readable.from([data]), {
					expectedMd5: 'f'.repeat(32),
					blockSize: 1024 * 1024,
				}),
			);
			expect(error).toBeInstanceOf(HashMismatchError);
			expect(error.message).toBe(
				`Object "checked.bin": expected MD5 ${'f'.repeat(32)}, got ${md5(data)}`,
			);
			expect(await exists(azure, container, 'checked.bin')).toBe(false);
			expect(await uncommittedBlocks(azure, container, 'checked.bin')).toBe(0);
			const ok = await uploadBlob(azure, container, 'checked.bin', Readable.from([data]), {
				expectedMd5: md5(data).toUpperCase(),
			});
			expect(ok.md5).toBe(md5(data));
		});

		it('refuses to replace an existing blob when asked to', async () => {
			await uploadBlob(azure, container, 'once.txt', Readable.from([Buffer.from('first')]));
			const error = await rejection(
				uploadBlob(azure, container, 'once.txt', Readable.from([Buffer.from('second')]), {
					ifNotExists: true,
				}),
			);
			expect(error.message).toMatch(/Blob "once.txt" already exists/);
			const { stream } = await downloadBlob(azure, container, 'once.txt');
			expect((await readAll(stream)).toString()).toBe('first');
		});

		it.each([
			['', /must not be empty/],
			['a/../b', /may end with "\."/],
			['dir/./x', /may end with "\."/],
			['trailing.', /may end with "\."/],
			['x'.repeat(1025), /at most 1024 characters/],
			[Array(256).fill('s').join('/'), /at most 254/],
		])('refuses the blob name %p before any request, writing nothing', async (name, reason) => {
			const body = Readable.from([Buffer.from('x')]);
			const error = await rejection(
				uploadBlob(
					azure,
					container,
					name,
					body,
					{},
					{ blobParameter: 'blobName', blobLabel: '"Blob Name"' },
				),
			);
			expect(error).toBeInstanceOf(InvalidNameError);
			expect(error.message).toMatch(/^Invalid "Blob Name"/);
			expect(error.message).toMatch(reason);
			expect(body.destroyed).toBe(true);
			const page = await listBlobsPage(azure, container, {
				prefix: name.slice(0, 5) || 'zzzz-none',
			});
			expect(page.blobs.filter((blob) => blob.name === name)).toEqual([]);
		});

		it('lists flat and by hierarchy, page by page, with metadata, tags and snapshots', async () => {
			const box = fresh('list');
			await createContainer(azure, box);
			for (const name of ['a.txt', 'docs/1.txt', 'docs/2.txt', 'docs/deep/3.txt', 'img/x.png']) {
				await uploadBlob(azure, box, name, Readable.from([Buffer.from(name)]), {
					metadata: { n: name.length.toString() },
					tags: { kind: 'test' },
				});
			}
			await azure.service.getContainerClient(box).getBlobClient('a.txt').createSnapshot();

			const flat = await listBlobsPage(azure, box, {});
			expect(flat.blobs.map((b) => b.name)).toEqual([
				'a.txt',
				'docs/1.txt',
				'docs/2.txt',
				'docs/deep/3.txt',
				'img/x.png',
			]);
			expect(flat.blobs[0].metadata).toEqual({});

			const tree = await listBlobsPage(azure, box, { delimiter: '/' });
			expect(tree.blobs.map((b) => b.name)).toEqual(['a.txt']);
			expect(tree.prefixes).toEqual(['docs/', 'img/']);
			const docs = await listBlobsPage(azure, box, { delimiter: '/', prefix: 'docs/' });
			expect(docs.blobs.map((b) => b.name)).toEqual(['docs/1.txt', 'docs/2.txt']);
			expect(docs.prefixes).toEqual(['docs/deep/']);

			const page1 = await listBlobsPage(azure, box, { pageSize: 2 });
			const page2 = await listBlobsPage(azure, box, {
				pageSize: 2,
				pageToken: page1.nextPageToken,
			});
			const page3 = await listBlobsPage(azure, box, {
				pageSize: 2,
				pageToken: page2.nextPageToken,
			});
			expect([...page1.blobs, ...page2.blobs, ...page3.blobs].map((b) => b.name)).toEqual(
				flat.blobs.map((b) => b.name),
			);
			expect(page3.nextPageToken).toBeUndefined();

			const rich = await listBlobsPage(azure, box, {
				prefix: 'a',
				includeMetadata: true,
				includeTags: true,
				includeSnapshots: true,
			});
			expect(rich.blobs).toHaveLength(2);
			expect(rich.blobs.filter((b) => b.snapshot)).toHaveLength(1);
			expect(rich.blobs[1]).toMatchObject({
				name: 'a.txt',
				metadata: { n: '5' },
				tags: { kind: 'test' },
			});
		});

		it('sets the access tier, and refuses an unknown one', async () => {
			await uploadBlob(azure, container, 'tier.txt', Readable.from([Buffer.from('t')]));
			for (const tier of ['Cool', 'Cold', 'Archive', 'Hot'] as const) {
				const info = await setAccessTier(azure, container, 'tier.txt', tier, {
					rehydratePriority: 'High',
				});
				expect(info.accessTier).toBe(tier);
			}
			const error = await rejection(
				setAccessTier(azure, container, 'tier.txt', 'Lukewarm' as never, {
					tierParameter: 'tier',
					tierLabel: '"Access Tier"',
				}),
			);
			expect(error).toBeInstanceOf(InvalidNameError);
			expect(error.message).toBe(
				'Invalid "Access Tier" "Lukewarm": use one of Hot, Cool, Cold, Archive',
			);
		});

		it('copies server-side from a blob of the account and from a URL', async () => {
			const data = bytes(300_000, 11);
			await uploadBlob(azure, container, 'src/original.bin', Readable.from([data]), {
				contentType: 'application/x-src',
				metadata: { origin: 'src' },
			});
			const target = fresh('copyto');
			await createContainer(azure, target);

			const copy = await copyBlob(
				azure,
				{ container, blob: 'src/original.bin' },
				{ container: target, blob: 'copied.bin' },
			);
			expect(copy).toMatchObject({
				container: target,
				name: 'copied.bin',
				size: data.length,
				copyStatus: 'success',
				metadata: { origin: 'src' },
			});
			expect(copy.copySource).toBe(`${azure.endpoint}/${container}/src/original.bin`);
			expect(md5(await readAll((await downloadBlob(azure, target, 'copied.bin')).stream))).toBe(
				md5(data),
			);

			const renamed = await copyBlob(
				azure,
				{ container, blob: 'src/original.bin' },
				{ container: target, blob: 'renamed.bin' },
				{ metadata: { replaced: 'yes' }, tier: 'Cool' },
			);
			expect(renamed.metadata).toEqual({ replaced: 'yes' });
			expect(renamed.accessTier).toBe('Cool');

			const sas = await generateBlobSasUrl(azure, container, 'src/original.bin', {
				permissions: ['read'],
				expiresInSeconds: 600,
			});
			const fromUrl = await copyBlob(
				azure,
				{ url: sas.url },
				{ container: target, blob: 'from-url.bin' },
			);
			expect(fromUrl.copySource).toBe(`${azure.endpoint}/${container}/src/original.bin`);
			expect(fromUrl.copySource).not.toContain('sig=');
			expect(md5(await readAll((await downloadBlob(azure, target, 'from-url.bin')).stream))).toBe(
				md5(data),
			);

			const missing = await rejection(
				copyBlob(azure, { container, blob: 'src/none.bin' }, { container: target, blob: 'x.bin' }),
			);
			expect(missing).toBeInstanceOf(ObjectNotFoundError);
			expect((missing as StorageError).parameter).toBe('sourceKey');
			expect(await exists(azure, target, 'x.bin')).toBe(false);

			const noTarget = await rejection(
				copyBlob(
					azure,
					{ container, blob: 'src/original.bin' },
					{ container: uniqueContainer('absent'), blob: 'x.bin' },
					{},
					{ containerParameter: 'targetContainer' },
				),
			);
			expect(noTarget).toBeInstanceOf(ContainerNotFoundError);
			expect((noTarget as StorageError).parameter).toBe('targetContainer');

			const badUrl = await rejection(
				copyBlob(azure, { url: 'not a url' }, { container: target, blob: 'y.bin' }),
			);
			expect(badUrl).toBeInstanceOf(InvalidNameError);
			expect(badUrl.message).toMatch(/"Source URL"/);
		});

		it('deletes a blob with its snapshots, only its snapshots, or refuses', async () => {
			await uploadBlob(azure, container, 'snap.txt', Readable.from([Buffer.from('s')]));
			const client = azure.service.getContainerClient(container).getBlobClient('snap.txt');
			await client.createSnapshot();
			const refused = await rejection(
				deleteBlob(azure, container, 'snap.txt', { deleteSnapshots: 'none' }),
			);
			expect(refused.message).toMatch(/has snapshots/);
			expect(await client.exists()).toBe(true);

			await deleteBlob(azure, container, 'snap.txt', { deleteSnapshots: 'only' });
			expect(await client.exists()).toBe(true);
			const left = await listBlobsPage(azure, container, {
				prefix: 'snap.txt',
				includeSnapshots: true,
			});
			expect(left.blobs.map((b) => b.snapshot)).toEqual([undefined]);

			await client.createSnapshot();
			await deleteBlob(azure, container, 'snap.txt');
			expect(
				(await listBlobsPage(azure, container, { prefix: 'snap.txt', includeSnapshots: true }))
					.blobs,
			).toEqual([]);
			expect(await rejection(deleteBlob(azure, container, 'snap.txt'))).toBeInstanceOf(
				ObjectNotFoundError,
			);
		});
	});

	describe('SAS URLs', () => {
		let container: string;

		beforeAll(async () => {
			container = fresh('sas');
			await createContainer(azure, container);
			await uploadBlob(
				azure,
				container,
				'dir/secret file.txt',
				Readable.from([Buffer.from('for your eyes only')]),
			);
		});

		it('grants read access to plain fetch, and a tampered signature is refused', async () => {
			expect((await fetch(`${azure.endpoint}/${container}/dir/secret%20file.txt`)).status).toBe(
				403,
			);
			const sas = await generateBlobSasUrl(azure, container, 'dir/secret file.txt', {
				permissions: ['read'],
				expiresInSeconds: 300,
			});
			expect(sas.signedWith).toBe('accountKey');
			expect(sas.permissions).toBe('r');
			expect(Date.parse(sas.expiresOn) - Date.now()).toBeGreaterThan(290_000);
			const response = await fetch(sas.url);
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('for your eyes only');

			const signature = new URL(sas.url).searchParams.get('sig')!;
			const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
			const tampered = sas.url.replace(encodeURIComponent(signature), encodeURIComponent(flipped));
			expect(tampered).not.toBe(sas.url);
			expect((await fetch(tampered)).status).toBe(403);
			// Read-only: writing with it is refused.
			const put = await fetch(sas.url, {
				method: 'PUT',
				headers: { 'x-ms-blob-type': 'BlockBlob' },
				body: 'overwritten',
			});
			expect(put.status).toBe(403);
		});

		it('grants write access when asked, and stops working once expired', async () => {
			const sas = await generateBlobSasUrl(azure, container, 'uploaded.txt', {
				permissions: ['create', 'write'],
				expiresInSeconds: 2,
			});
			const put = await fetch(sas.url, {
				method: 'PUT',
				headers: { 'x-ms-blob-type': 'BlockBlob' },
				body: 'via sas',
			});
			expect(put.status).toBe(201);
			expect(
				(await readAll((await downloadBlob(azure, container, 'uploaded.txt')).stream)).toString(),
			).toBe('via sas');
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const late = await fetch(sas.url, {
				method: 'PUT',
				headers: { 'x-ms-blob-type': 'BlockBlob' },
				body: 'too late',
			});
			expect(late.status).toBe(403);
		});

		it.each([0, -5, 1.5, 365 * 24 * 3600 + 1, Number.NaN])(
			'refuses the expiry %p, naming the parameter',
			async (seconds) => {
				const error = await rejection(
					generateBlobSasUrl(azure, container, 'x.txt', {
						permissions: ['read'],
						expiresInSeconds: seconds,
					}),
				);
				expect(error).toBeInstanceOf(InvalidNameError);
				expect(error.message).toMatch(/^Invalid "Expires In \(Seconds\)": .* from 1 to 31536000$/);
			},
		);

		it('refuses empty or unknown permissions, and cannot sign with a SAS-token credential', async () => {
			expect(
				(
					await rejection(
						generateBlobSasUrl(azure, container, 'x', { permissions: [], expiresInSeconds: 60 }),
					)
				).message,
			).toMatch(/choose at least one permission/);
			expect(
				(
					await rejection(
						generateBlobSasUrl(azure, container, 'x', {
							permissions: ['fly'],
							expiresInSeconds: 60,
						}),
					)
				).message,
			).toMatch(/unknown permission "fly"/);
			const server = azuriteServer();
			const viaSas = await createAzureConnection({
				authentication: 'sasToken',
				sasToken: 'sv=1&sig=abcd',
				blobEndpoint: server.blobEndpoint,
			});
			const error = await rejection(
				generateBlobSasUrl(viaSas, container, 'x', { permissions: ['read'], expiresInSeconds: 60 }),
			);
			expect((error as StorageError).code).toBe('NotSupported');
		});
	});
});

function* chunks(data: Buffer, size: number): Generator<Buffer> {
	for (let offset = 0; offset < data.length; offset += size)
		yield data.subarray(offset, offset + size);
}
