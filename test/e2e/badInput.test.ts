import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { createHash } from 'crypto';
import { tmpdir } from 'os';
import * as path from 'path';

import { BlobServiceClient } from '@azure/storage-blob';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { startCodaFake, type CodaFake, type SeededDoc } from '../fakes/coda/server';
import { startReductFake, type ReductFake } from '../fakes/reductstore/server';
import { startNewsletterFake, type NewsletterFake } from '../fakes/infomaniak-newsletter/server';
import { startCloudCixFake, type CloudCixFake } from '../fakes/cloudcix/server';
import { openStackLeftovers } from './badInput/openStackLeftovers';
import { passwordCredential } from '../helpers/openstack/servers';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { azuriteCredential, azuriteServer } from '../integration/azureSupport';
import { swiftCredential } from '../integration/s3Support';
import { listFiles } from './harness/wait';
import { N8nInstance } from './harness/n8n';
import { PACK, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';
import { CATALOGUE, type Group } from './badInput/catalogue';

jest.setTimeout(20 * 60_000);

/**
 * The bad-input catalogue: every row is one input item carrying one bad value, given to a node
 * of the pack inside a real n8n with "On Error: Continue". Each row must come out as its own
 * error item (paired to its input item) with a clear message naming the parameter as n8n shows
 * it; afterwards the servers and fakes hold exactly what they held before: nothing was written.
 * All rows run in one n8n execution (one branch per group of rows sharing a node). The Infomaniak
 * Newsletter and CloudCIX groups run against their spec-checked fakes in this process, the
 * OpenStack groups against the local OpenStack (test/servers/openstack), whose project is shared
 * with other tests: what this run may have created is found by the run's tag in its name.
 */
const TOLERANT = { onError: 'continueRegularOutput' };

describe('the bad-input catalogue, in a real n8n', () => {
	let n8n: N8nInstance;
	let root: string;
	let coda: CodaFake;
	let doc: SeededDoc;
	let reduct: ReductFake;
	let newsletter: NewsletterFake;
	let campaignId: number;
	let cloudCix: CloudCixFake;
	let s3: S3Service;
	const tag = `cat-${process.pid}-${Date.now().toString(36)}`;
	const azure = BlobServiceClient.fromConnectionString(azuriteServer().connectionString);
	const gcs = gcsEmulator();
	const gcsBucket = gcs.buckets.includes('cloud-pack-e2e') ? 'cloud-pack-e2e' : gcs.bucket;

	const context = () => ({ tag, doc, gcsBucket, campaignId });

	beforeAll(async () => {
		root = mkdtempSync(path.join(realpathSync(tmpdir()), 'cloud-pack-catalogue-'));
		mkdirSync(path.join(root, 'box'));
		writeFileSync(path.join(root, 'box', 'a.txt'), 'hello');

		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(tag);
		await s3.uploadData(tag, 'a.txt', 'hello');
		await azure.getContainerClient(tag).create();
		await azure.getContainerClient(tag).getBlockBlobClient('a.txt').upload('hello', 5);
		await fetch(
			`${gcs.emulatorHost}/upload/storage/v1/b/${gcsBucket}/o?uploadType=media&name=${encodeURIComponent(`${tag}/a.txt`)}`,
			{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
		);
		coda = await startCodaFake();
		doc = coda.seedSampleDoc({ rows: 3 });
		reduct = await startReductFake({ apiToken: 'catalogue-token' });
		await fetch(`${reduct.url}/api/v1/b/existing`, {
			method: 'POST',
			headers: { authorization: 'Bearer catalogue-token' },
		});

		newsletter = await startNewsletterFake({ quota: null });
		campaignId = newsletter.addCampaign();
		cloudCix = await startCloudCixFake();

		n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: root }, 'server');
		await n8n.importCredentials([
			{
				id: 'catLocal000001',
				name: 'Local',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: root },
			},
			{ id: 'catS3000000001', name: 'S3', type: 'cloudPackS3Api', data: swiftCredential() },
			{
				id: 'catAzure000001',
				name: 'Azure',
				type: 'cloudPackAzureBlobApi',
				data: azuriteCredential() as Record<string, unknown>,
			},
			{
				id: 'catGcs0000001',
				name: 'GCS',
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(gcs.emulatorHost, 'emulator', gcs.projectId),
			},
			{
				id: 'catCoda000001',
				name: 'Coda',
				type: 'cloudPackCodaApi',
				data: { apiToken: coda.token, baseUrl: coda.url },
			},
			{
				id: 'catReduct0001',
				name: 'ReductStore',
				type: 'cloudPackReductStoreApi',
				data: { url: reduct.url, apiToken: 'catalogue-token', allowUnauthorizedCerts: false },
			},
			{
				id: 'catNewsletter1',
				name: 'Infomaniak Newsletter',
				type: 'cloudPackInfomaniakNewsletterApi',
				data: {
					apiToken: newsletter.token,
					domainId: String(newsletter.domainId),
					baseUrl: newsletter.url,
					requestsPerMinute: 100000,
				},
			},
			{
				id: 'catCloudCix001',
				name: 'CloudCIX',
				type: 'cloudPackCloudCixApi',
				data: {
					email: cloudCix.user.email,
					password: cloudCix.user.password,
					apiKey: cloudCix.user.memberApiKey,
					apiUrl: cloudCix.apiUrl,
					allowUnauthorizedCerts: false,
				},
			},
			{
				id: 'catOpenStack01',
				name: 'OpenStack',
				type: 'cloudPackOpenStackApi',
				data: { ...passwordCredential('member'), session: '' } as Record<string, unknown>,
			},
			// credentials that are themselves the bad input
			...CATALOGUE.flatMap((group) => (group.credential ? [group.credential] : [])),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		rmSync(root, { recursive: true, force: true });
		await coda?.close();
		await reduct?.close();
		await newsletter?.close();
		await cloudCix?.close();
		await s3?.deleteBucket(tag, { force: true }).catch(() => undefined);
		s3?.destroy();
		await azure.getContainerClient(tag).deleteIfExists();
	});

	it('has at least 60 rows across every node of the pack and every Cloud Storage backend', () => {
		const rows = CATALOGUE.flatMap((group) => group.rows);
		expect(rows.length).toBeGreaterThanOrEqual(60);
		const covered = new Set(CATALOGUE.map((group) => group.covers));
		expect([...covered].sort()).toEqual(
			[
				'Azure Blob Storage',
				'CloudCIX',
				'Cloud Storage (Azure)',
				'Cloud Storage (GCS)',
				'Cloud Storage (Local)',
				'Cloud Storage (S3)',
				'Cloud Storage (Swift)',
				'Coda',
				'Google Cloud Storage',
				'Infomaniak Newsletter',
				'OpenStack Block Storage',
				'OpenStack Compute',
				'OpenStack DNS',
				'OpenStack Identity',
				'OpenStack Network',
				'OpenStack Object Storage',
				'OpenStack Orchestration',
				'OpenStack Usage',
				'ReductStore',
				'S3',
			].sort(),
		);
	});

	it('every bad input: an error item naming the parameter, paired to its item; nothing written', async () => {
		const before = await snapshot();
		// only what the run sends counts (the set-up above wrote to the fakes itself)
		const [codaSeen, reductSeen] = [coda.requests.length, reduct.requests.length];
		const groups = CATALOGUE.map((group) => group.build(context()));
		const nodes: WorkflowNode[] = [manualTrigger];
		const chains: string[][] = [];
		groups.forEach((group, index) => {
			const rowsNode = `Rows ${index}`;
			nodes.push(rowsCode(rowsNode, group));
			nodes.push({
				name: group.name,
				type: `${PACK}.${group.type}`,
				parameters: group.parameters,
				credentials: group.credentials,
				...TOLERANT,
			} as WorkflowNode);
			chains.push(['Start', rowsNode, group.name]);
		});
		await n8n.importWorkflow(workflow('e2eBadInputCatalogue', nodes, chains));
		const run = await n8n.execute('e2eBadInputCatalogue', {}, 15 * 60_000);

		const failures: string[] = [];
		for (const group of groups) {
			const items = run.output(group.name);
			if (items.length !== group.rows.length) {
				failures.push(`${group.name}: ${items.length} items for ${group.rows.length} rows`);
			}
			group.rows.forEach((row, index) => {
				const item = items.find(
					(candidate) =>
						(candidate as { pairedItem?: { item: number } }).pairedItem?.item === index,
				);
				const error = String(item?.json.error ?? '');
				// n8n shows both: the message, and under it the description
				const shown = `${error}\n${String(item?.json.description ?? '')}`;
				const described = `${group.name} #${index} (${row.why})`;
				if (!item) failures.push(`${described}: no item paired to it`);
				else if (!error)
					failures.push(`${described}: no error, got ${JSON.stringify(item.json).slice(0, 200)}`);
				else if (!shown.includes(`"${row.parameter}"`))
					failures.push(`${described}: "${error}" does not name "${row.parameter}"`);
				else if (row.problem && !row.problem.test(error))
					failures.push(`${described}: "${error}" does not say ${row.problem}`);
				else if (/\boptions\.\w|"[a-z]+[A-Z]\w*"/.test(error))
					failures.push(`${described}: "${error}" names an internal path`);
			});
		}
		expect(failures).toEqual([]);
		expect(await snapshot()).toEqual(before);
		expect(coda.requests.slice(codaSeen).filter((request) => request.method !== 'GET')).toEqual([]);
		expect(
			reduct.requests
				.slice(reductSeen)
				.filter((request) => request.method !== 'GET' && request.method !== 'HEAD'),
		).toEqual([]);
		// Newsletter: reads only (the campaign's and lists' lookups), nothing written
		expect(newsletter.writes()).toEqual([]);
		expect(newsletter.violations).toEqual([]);
		expect(newsletter.store.campaign(campaignId)!.status).toBe('draft');
		// CloudCIX: refused before anything is sent, not even the login
		expect(cloudCix.requests).toEqual([]);
		expect(cloudCix.violations).toEqual([]);
		// OpenStack: nothing named after this run exists in the member's project
		expect(await openStackLeftovers(tag)).toEqual({});
	});

	/** Everything the catalogue might have written to, as one comparable value. */
	async function snapshot() {
		const local = listFiles(root).map(
			(file) => `${file} ${md5(readFileSync(path.join(root, file)))}`,
		);
		const s3Objects = (await s3.listObjectsPage(tag, {})).objects.map((o) => `${o.key} ${o.size}`);
		const s3Buckets = (await s3.listBuckets())
			.map((b) => b.name)
			.filter((n) => n.startsWith('cat-'));
		const azureBlobs: string[] = [];
		for await (const blob of azure.getContainerClient(tag).listBlobsFlat()) {
			azureBlobs.push(`${blob.name} ${blob.properties.contentLength}`);
		}
		const azureContainers: string[] = [];
		for await (const container of azure.listContainers({ prefix: 'cat' })) {
			azureContainers.push(container.name);
		}
		const gcsList = (await (
			await fetch(`${gcs.emulatorHost}/b/${gcsBucket}/o?prefix=${encodeURIComponent(tag)}`)
		).json()) as { items?: Array<{ name: string; size: string }> };
		const gcsObjects = (gcsList.items ?? []).map((o) => `${o.name} ${o.size}`);
		const codaRows = coda.store.docs
			.find((d) => d.id === doc.id)!
			.tables.map((table) => `${table.name} ${table.rows.length}`);
		const reductBuckets = await (
			await fetch(`${reduct.url}/api/v1/list`, {
				headers: { authorization: 'Bearer catalogue-token' },
			})
		).json();
		return {
			local,
			s3Objects,
			s3Buckets,
			azureBlobs,
			azureContainers,
			gcsObjects,
			codaRows,
			reductBuckets,
		};
	}
});

/** A Code node emitting the group's rows as items (with a binary file each, where needed). */
function rowsCode(name: string, group: ReturnType<Group['build']>): WorkflowNode {
	const rows = JSON.stringify(group.rows.map((row) => row.set));
	const binary = group.binary
		? `, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('bad input'), 'input.txt', 'text/plain') }`
		: '';
	const code = `const rows = ${rows};\nconst out = [];\nfor (const row of rows) out.push({ json: row${binary} });\nreturn out;`;
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } };
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
