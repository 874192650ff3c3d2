import { BlobServiceClient } from '@azure/storage-blob';
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { azuriteServer, uniqueContainer } from '../integration/azureSupport';
import { N8nInstance } from './harness/n8n';
import {
	PACK,
	keyLocator,
	locator,
	makeFiles,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './harness/workflow';

jest.setTimeout(10 * 60_000);

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const AZURE = { cloudPackAzureBlobApi: { id: 'azureBlob0001', name: 'Azurite e2e' } };
const AZURE_BY_CONNECTION_STRING = {
	cloudPackAzureBlobApi: { id: 'azureBlob0002', name: 'Azurite e2e (connection string)' },
};
const LOCAL = { cloudPackLocalStorageApi: { id: 'localStorage09', name: 'Local e2e' } };

const azureNode = (
	name: string,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	name,
	type: `${PACK}.azureBlob`,
	parameters,
	credentials: AZURE,
	...extra,
});
const storage = (name: string, parameters: Record<string, unknown>): WorkflowNode => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 'azure', ...parameters },
	credentials: AZURE_BY_CONNECTION_STRING,
});
const blobLocator = (value: string) => ({ __rl: true, mode: 'name', value });

/** A Code node emitting one item whose binary "data" holds the given bytes. */
function makeBinary(
	name: string,
	payload: Buffer,
	fileName: string,
	mimeType: string,
): WorkflowNode {
	const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('${payload.toString('base64')}', 'base64'), '${fileName}', '${mimeType}') } }];`;
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } };
}

function binaryFile(n8n: N8nInstance, binary: { id: string }): string {
	return path.join(n8n.folder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, ''));
}

describe('Azure Blob Storage inside a real n8n, against Azurite', () => {
	let n8n: N8nInstance;
	let service: BlobServiceClient;
	let localRoot: string;
	const containers: string[] = [];
	const fresh = (label: string) => {
		const name = uniqueContainer(label);
		containers.push(name);
		return name;
	};

	beforeAll(async () => {
		const server = azuriteServer();
		service = BlobServiceClient.fromConnectionString(server.connectionString);
		localRoot = path.join(tmpdir(), `cloud-pack-azure-local-${process.pid}`);
		rmSync(localRoot, { recursive: true, force: true });
		mkdirSync(path.join(localRoot, 'landing'), { recursive: true });
		n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: localRoot }, 'server');
		await n8n.importCredentials([
			{
				id: 'azureBlob0001',
				name: 'Azurite e2e',
				type: 'cloudPackAzureBlobApi',
				data: {
					authentication: 'sharedKey',
					accountName: server.accountName,
					accountKey: server.accountKey,
					blobEndpoint: server.blobEndpoint,
				},
			},
			{
				id: 'azureBlob0002',
				name: 'Azurite e2e (connection string)',
				type: 'cloudPackAzureBlobApi',
				data: { authentication: 'connectionString', connectionString: server.connectionString },
			},
			{
				id: 'localStorage09',
				name: 'Local e2e',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: localRoot },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const name of containers) await service.getContainerClient(name).deleteIfExists();
		rmSync(localRoot, { recursive: true, force: true });
	});

	it('runs every blob and container operation of the Azure node in one workflow', async () => {
		const box = fresh('e2e-node');
		const payload = randomBytes(2_200_000);
		await n8n.importWorkflow(
			workflow('e2eAzureNode', [
				manualTrigger,
				azureNode('Create Container', {
					resource: 'container',
					operation: 'create',
					containerName: box,
					ifNotExists: true,
					options: { metadata: { entry: [{ name: 'owner', value: 'e2e' }] } },
				}),
				azureNode('Ensure Again', {
					resource: 'container',
					operation: 'create',
					containerName: box,
					ifNotExists: true,
				}),
				makeBinary('Make', payload, 'payload.bin', 'application/x-e2e'),
				azureNode('Upload', {
					resource: 'blob',
					operation: 'upload',
					container: locator(box),
					blobName: 'in/payload.bin',
					options: {
						metadata: { entry: [{ name: 'source', value: 'n8n' }] },
						tags: { entry: [{ name: 'stage', value: 'e2e' }] },
						accessTier: 'Cool',
						blockSize: 1,
						concurrency: 2,
					},
				}),
				azureNode('Get Properties', {
					resource: 'blob',
					operation: 'get',
					container: locator(box),
					blob: blobLocator('={{ $json.name }}'),
					includeTags: true,
				}),
				azureNode('Download', {
					resource: 'blob',
					operation: 'download',
					container: locator(box),
					blob: blobLocator('in/payload.bin'),
					binaryPropertyName: 'file',
				}),
				azureNode('Download Range', {
					resource: 'blob',
					operation: 'download',
					container: locator(box),
					blob: blobLocator('in/payload.bin'),
					useRange: true,
					rangeStart: 100,
					rangeEnd: 199,
				}),
				azureNode('Copy', {
					resource: 'blob',
					operation: 'copy',
					sourceType: 'blob',
					sourceContainer: locator(box),
					sourceBlob: blobLocator('in/payload.bin'),
					destinationContainer: locator(box),
					destinationBlob: 'archive/payload.bin',
					options: { accessTier: 'Cold' },
				}),
				azureNode('Set Tier', {
					resource: 'blob',
					operation: 'setTier',
					container: locator(box),
					blob: blobLocator('archive/payload.bin'),
					tier: 'Archive',
				}),
				azureNode('SAS URL', {
					resource: 'blob',
					operation: 'getSasUrl',
					container: locator(box),
					blob: blobLocator('in/payload.bin'),
					permissions: ['read'],
					expiresIn: 600,
				}),
				azureNode('Set Metadata', {
					resource: 'container',
					operation: 'setMetadata',
					container: locator(box),
					metadata: { entry: [{ name: 'state', value: 'checked' }] },
				}),
				azureNode('Get Container', {
					resource: 'container',
					operation: 'get',
					container: locator(box),
				}),
				azureNode('Delete Copy', {
					resource: 'blob',
					operation: 'delete',
					container: locator(box),
					blob: blobLocator('archive/payload.bin'),
				}),
				azureNode('List', {
					resource: 'blob',
					operation: 'list',
					container: locator(box),
					returnAll: true,
					options: { includeMetadata: true },
				}),
			]),
		);
		const run = await n8n.execute('e2eAzureNode');

		expect(run.output('Create Container')[0].json).toMatchObject({
			name: box,
			created: true,
			metadata: { owner: 'e2e' },
		});
		expect(run.output('Ensure Again')[0].json).toMatchObject({ name: box, created: false });
		expect(run.output('Upload')[0].json).toMatchObject({
			container: box,
			name: 'in/payload.bin',
			size: payload.length,
			md5: md5(payload),
			contentType: 'application/x-e2e',
			accessTier: 'Cool',
		});
		expect(run.output('Get Properties')[0].json).toMatchObject({
			size: payload.length,
			md5: md5(payload),
			accessTier: 'Cool',
			metadata: { source: 'n8n' },
			tags: { stage: 'e2e' },
		});
		// 2,200,000 bytes in 1 MiB blocks: the block size option reached the upload if the blob has these three committed blocks.
		const blocks = await service
			.getContainerClient(box)
			.getBlockBlobClient('in/payload.bin')
			.getBlockList('committed');
		expect(blocks.committedBlocks?.map((b) => b.size)).toEqual([
			1_048_576,
			1_048_576,
			payload.length - 2_097_152,
		]);

		const downloaded = run.output('Download')[0];
		expect(downloaded.json).toMatchObject({ size: payload.length, md5: md5(payload) });
		expect(downloaded.binary!.file).toMatchObject({
			fileName: 'payload.bin',
			mimeType: 'application/x-e2e',
		});
		expect(downloaded.binary!.file.id).toMatch(/^filesystem/);
		expect(md5(readFileSync(binaryFile(n8n, downloaded.binary!.file)))).toBe(md5(payload));
		const ranged = run.output('Download Range')[0];
		expect(ranged.json).toMatchObject({ size: 100, range: `bytes 100-199/${payload.length}` });
		expect(readFileSync(binaryFile(n8n, ranged.binary!.data))).toEqual(payload.subarray(100, 200));

		expect(run.output('Copy')[0].json).toMatchObject({
			name: 'archive/payload.bin',
			copyStatus: 'success',
			size: payload.length,
			accessTier: 'Cold',
		});
		expect(run.output('Set Tier')[0].json).toMatchObject({
			name: 'archive/payload.bin',
			accessTier: 'Archive',
		});

		const sas = run.output('SAS URL')[0].json;
		expect(sas).toMatchObject({
			container: box,
			name: 'in/payload.bin',
			permissions: 'r',
			signedWith: 'accountKey',
		});
		const viaSas = await fetch(sas.url);
		expect(viaSas.status).toBe(200);
		expect(md5(Buffer.from(await viaSas.arrayBuffer()))).toBe(md5(payload));
		expect((await fetch(String(sas.url).replace(/sig=[^&]+/, 'sig=AAAA'))).status).toBe(403);

		expect(run.output('Set Metadata')[0].json.metadata).toEqual({ state: 'checked' });
		expect(run.output('Get Container')[0].json).toMatchObject({
			name: box,
			metadata: { state: 'checked' },
			publicAccess: 'none',
		});
		expect(run.output('Delete Copy')[0].json).toMatchObject({
			name: 'archive/payload.bin',
			deleted: true,
		});
		const listed = run.output('List');
		expect(listed.map((item) => item.json.name)).toEqual(['in/payload.bin']);
		expect(listed[0].json).toMatchObject({ type: 'blob', metadata: { source: 'n8n' } });
		// Everything the workflow output holds is free of the account key.
		expect(JSON.stringify(run.raw)).not.toContain(azuriteServer().accountKey);
	});

	it('lists with Return All / Limit and by hierarchy, and deletes containers only when forced', async () => {
		const box = fresh('e2e-list');
		const container = service.getContainerClient(box);
		await container.create();
		for (const name of ['a.txt', 'b.txt', 'dir/c.txt', 'dir/d.txt', 'e.txt'])
			await container.getBlockBlobClient(name).upload(name, name.length);
		await n8n.importWorkflow(
			workflow(
				'e2eAzureList',
				[
					manualTrigger,
					azureNode('Limit 2', {
						resource: 'blob',
						operation: 'list',
						container: locator(box),
						returnAll: false,
						limit: 2,
					}),
					azureNode('Tree', {
						resource: 'blob',
						operation: 'list',
						container: locator(box),
						returnAll: true,
						options: { delimiter: '/' },
					}),
					azureNode('Containers', {
						resource: 'container',
						operation: 'list',
						returnAll: true,
						options: { prefix: box },
					}),
					azureNode(
						'Delete Unforced',
						{ resource: 'container', operation: 'delete', container: locator(box) },
						{ onError: 'continueRegularOutput' } as never,
					),
				],
				[
					['Start', 'Limit 2'],
					['Start', 'Tree'],
					['Start', 'Containers'],
					['Start', 'Delete Unforced'],
				],
			),
		);
		const run = await n8n.execute('e2eAzureList');
		expect(run.output('Limit 2').map((item) => item.json.name)).toEqual(['a.txt', 'b.txt']);
		expect(run.output('Tree').map((item) => item.json.prefix ?? item.json.name)).toEqual([
			'dir/',
			'a.txt',
			'b.txt',
			'e.txt',
		]);
		expect(run.output('Containers').map((item) => item.json.name)).toEqual([box]);
		const refused = run.output('Delete Unforced');
		expect(refused[0].json.error).toBe(
			`Container "${box}" is not empty; turn on "Force" to delete it with its objects`,
		);
		expect(await container.exists()).toBe(true);

		await n8n.importWorkflow(
			workflow('e2eAzureForce', [
				manualTrigger,
				azureNode('Delete Forced', {
					resource: 'container',
					operation: 'delete',
					container: locator(box),
					force: true,
				}),
			]),
		);
		expect((await n8n.execute('e2eAzureForce')).output('Delete Forced')[0].json).toEqual({
			container: box,
			deleted: true,
		});
		expect(await container.exists()).toBe(false);
	});

	it('refuses bad input with errors naming the parameter, and writes nothing', async () => {
		const box = fresh('e2e-bad');
		await service.getContainerClient(box).create();
		const tolerant = { onError: 'continueRegularOutput' } as never;
		await n8n.importWorkflow(
			workflow(
				'e2eAzureBadInput',
				[
					manualTrigger,
					makeFiles('Make', [{ fileName: 'x.txt', text: 'nope' }]),
					azureNode(
						'Bad Container',
						{
							resource: 'blob',
							operation: 'upload',
							container: locator('Bad_Name'),
							blobName: 'x.txt',
						},
						tolerant,
					),
					azureNode(
						'Bad Create',
						{ resource: 'container', operation: 'create', containerName: 'ab--cd' },
						tolerant,
					),
					azureNode(
						'Missing Binary',
						{
							resource: 'blob',
							operation: 'upload',
							container: locator(box),
							blobName: 'x.txt',
							binaryPropertyName: 'nope',
						},
						tolerant,
					),
					azureNode(
						'Dot Segment',
						{
							resource: 'blob',
							operation: 'upload',
							container: locator(box),
							blobName: 'a/../x.txt',
						},
						tolerant,
					),
					azureNode(
						'Bad Metadata',
						{
							resource: 'blob',
							operation: 'upload',
							container: locator(box),
							blobName: 'meta.txt',
							options: { metadata: { entry: [{ name: 'has-dash', value: 'x' }] } },
						},
						tolerant,
					),
					// An expression that yields nothing (an empty locator value itself is refused by n8n before the run).
					azureNode(
						'Empty Blob',
						{
							resource: 'blob',
							operation: 'download',
							container: locator(box),
							blob: blobLocator('={{ $json.nothing }}'),
						},
						tolerant,
					),
					azureNode(
						'Expiry Too Long',
						{
							resource: 'blob',
							operation: 'getSasUrl',
							container: locator(box),
							blob: blobLocator('x.txt'),
							permissions: ['read'],
							expiresIn: 40_000_000,
						},
						tolerant,
					),
					azureNode(
						'Expiry Zero',
						{
							resource: 'blob',
							operation: 'getSasUrl',
							container: locator(box),
							blob: blobLocator('x.txt'),
							permissions: ['read'],
							expiresIn: 0,
						},
						tolerant,
					),
					azureNode(
						'Missing Blob',
						{
							resource: 'blob',
							operation: 'get',
							container: locator(box),
							blob: blobLocator('not/here.txt'),
						},
						tolerant,
					),
				],
				[
					['Start', 'Make', 'Bad Container'],
					['Make', 'Missing Binary'],
					['Make', 'Dot Segment'],
					['Make', 'Bad Metadata'],
					['Start', 'Bad Create'],
					['Start', 'Empty Blob'],
					['Start', 'Expiry Too Long'],
					['Start', 'Expiry Zero'],
					['Start', 'Missing Blob'],
				],
			),
		);
		const run = await n8n.execute('e2eAzureBadInput');
		const error = (node: string) => run.output(node)[0].json;
		expect(error('Bad Container')).toEqual({
			error: 'Invalid "Container" "Bad_Name": use only lowercase letters, digits and hyphens',
			description: 'Check the parameter "Container"',
		});
		expect(error('Bad Create')).toMatchObject({
			error: 'Invalid "Container Name" "ab--cd": it must not contain two hyphens in a row',
		});
		expect(error('Missing Binary')).toMatchObject({
			error: 'Invalid "Input Binary Field": the input item has no binary property "nope"',
			description: 'Check the parameter "Input Binary Field"',
		});
		expect(error('Dot Segment').error).toBe(
			'Invalid "Blob Name" "a/../x.txt": no "/"-separated part of it may end with "."',
		);
		expect(error('Bad Metadata').error).toMatch(
			/^Invalid "Metadata": the name "has-dash" must start with a letter or "_"/,
		);
		expect(error('Empty Blob')).toEqual({
			error: 'Invalid "Blob": it must not be empty',
			description: 'Check the parameter "Blob"',
		});
		expect(error('Expiry Too Long').error).toBe(
			'Invalid "Expires In (Seconds)": 40000000 must be a whole number from 1 to 31536000',
		);
		expect(error('Expiry Zero').error).toBe(
			'Invalid "Expires In (Seconds)": 0 must be a whole number from 1 to 31536000',
		);
		expect(error('Missing Blob')).toEqual({
			error: `Object "not/here.txt" does not exist in container "${box}"`,
			description: 'Check the parameter "Blob"',
		});
		// Nothing was written: the container is still empty, and no invalid container appeared.
		const left: string[] = [];
		for await (const blob of service.getContainerClient(box).listBlobsFlat()) left.push(blob.name);
		expect(left).toEqual([]);
		expect(
			await service
				.getContainerClient('ab--cd')
				.exists()
				.catch(() => false),
		).toBe(false);

		// Without "continue on fail" the workflow stops with the same message.
		await n8n.importWorkflow(
			workflow('e2eAzureStop', [
				manualTrigger,
				makeFiles('Make', [{ fileName: 'y.txt', text: 'y' }]),
				azureNode('Upload', {
					resource: 'blob',
					operation: 'upload',
					container: locator(box),
					binaryPropertyName: 'missing',
				}),
			]),
		);
		expect(await n8n.executeExpectingFailure('e2eAzureStop')).toMatch(
			/Invalid "Input Binary Field": the input item has no binary property "missing"/,
		);
	});

	it('runs the Cloud Storage node on the azure backend, and copies Azure → Local in the same workflow', async () => {
		const box = fresh('e2e-cloud');
		await service.getContainerClient(box).create();
		const payload = randomBytes(400_000);
		await n8n.importWorkflow(
			workflow('e2eAzureCloudStorage', [
				manualTrigger,
				makeBinary('Make', payload, 'report.pdf', 'application/pdf'),
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(box),
					key: 'reports/report.pdf',
					options: { expectedMd5: md5(payload) },
				}),
				storage('Metadata', {
					resource: 'object',
					operation: 'getMetadata',
					container: locator(box),
					key: keyLocator('reports/report.pdf'),
				}),
				storage('Copy', {
					resource: 'object',
					operation: 'copy',
					sourceContainer: locator(box),
					sourceKey: keyLocator('reports/report.pdf'),
					targetKey: 'backup/report.pdf',
				}),
				storage('URL', {
					resource: 'object',
					operation: 'getUrl',
					container: locator(box),
					key: keyLocator('reports/report.pdf'),
					method: 'GET',
					expiresIn: 300,
				}),
				storage('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(box),
					key: keyLocator('reports/report.pdf'),
				}),
				{
					name: 'To Local',
					type: `${PACK}.cloudStorage`,
					parameters: {
						backend: 'local',
						resource: 'object',
						operation: 'upload',
						container: locator('landing'),
						key: 'from-azure/report.pdf',
					},
					credentials: LOCAL,
				},
				storage('Delete', {
					resource: 'object',
					operation: 'delete',
					container: locator(box),
					key: keyLocator('backup/report.pdf'),
				}),
				storage('List', {
					resource: 'object',
					operation: 'list',
					container: locator(box),
					returnAll: true,
					options: { delimiter: '/' },
				}),
			]),
		);
		const run = await n8n.execute('e2eAzureCloudStorage');
		expect(run.output('Upload')[0].json).toMatchObject({
			container: box,
			key: 'reports/report.pdf',
			size: payload.length,
			md5: md5(payload),
		});
		expect(run.output('Metadata')[0].json).toMatchObject({
			key: 'reports/report.pdf',
			contentType: 'application/pdf',
			md5: md5(payload),
		});
		expect(run.output('Copy')[0].json).toMatchObject({
			container: box,
			key: 'backup/report.pdf',
			size: payload.length,
		});
		const url = String(run.output('URL')[0].json.url);
		expect(md5(Buffer.from(await (await fetch(url)).arrayBuffer()))).toBe(md5(payload));
		const downloaded = run.output('Download')[0];
		expect(downloaded.binary!.data).toMatchObject({
			fileName: 'report.pdf',
			mimeType: 'application/pdf',
		});
		expect(run.output('To Local')[0].json).toMatchObject({
			container: 'landing',
			key: 'from-azure/report.pdf',
			size: payload.length,
			md5: md5(payload),
		});
		expect(md5(readFileSync(path.join(localRoot, 'landing/from-azure/report.pdf')))).toBe(
			md5(payload),
		);
		expect(run.output('Delete')[0].json).toEqual({
			container: box,
			key: 'backup/report.pdf',
			deleted: true,
		});
		expect(run.output('List').map((item) => item.json.prefix ?? item.json.key)).toEqual([
			'reports/',
		]);

		await n8n.importWorkflow(
			workflow('e2eAzureCloudBad', [
				manualTrigger,
				makeFiles('Make', [{ fileName: 'z.txt', text: 'z' }]),
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator('UPPER'),
					key: 'z.txt',
				}),
			]),
		);
		expect(await n8n.executeExpectingFailure('e2eAzureCloudBad')).toMatch(
			/Invalid "Container" "UPPER": use only lowercase letters, digits and hyphens/,
		);
	});
});
