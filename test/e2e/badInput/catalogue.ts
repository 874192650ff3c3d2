import type { SeededDoc } from '../../fakes/coda/server';

/**
 * The rows of the bad-input catalogue (test/e2e/badInput.test.ts). A group is one node with
 * one operation; its parameters read the bad value of each row from the row's item (`$json`).
 * Each row states the parameter its error must name, as n8n shows it.
 */
export interface Row {
	/** The item's fields, read by the group's expressions. */
	set: Record<string, unknown>;
	/** The parameter's label, as n8n shows it. */
	parameter: string;
	/** What the message must also say. */
	problem?: RegExp;
	why: string;
}

export interface Context {
	tag: string;
	doc: SeededDoc;
	gcsBucket: string;
	/** A draft campaign of the Infomaniak Newsletter fake. */
	campaignId: number;
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface Group {
	covers: string;
	/** A credential that is itself the bad input. */
	credential?: Credential;
	build(context: Context): {
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials: Record<string, { id: string; name: string }>;
		binary?: boolean;
		rows: Row[];
	};
	rows: Row[];
}

const rl = (value: string, mode = 'name') => ({ __rl: true, mode, value });
const expr = (field: string, fallback?: unknown) =>
	fallback === undefined
		? `={{ $json.${field} }}`
		: `={{ $json.${field} ?? ${JSON.stringify(fallback)} }}`;
const uses = (type: string, id: string) => ({ [type]: { id, name: id } });

const LOCAL = uses('cloudPackLocalStorageApi', 'catLocal000001');
const S3 = uses('cloudPackS3Api', 'catS3000000001');
const AZURE = uses('cloudPackAzureBlobApi', 'catAzure000001');
const GCS = uses('cloudPackGoogleCloudStorageApi', 'catGcs0000001');
const CODA = uses('cloudPackCodaApi', 'catCoda000001');
const REDUCT = uses('cloudPackReductStoreApi', 'catReduct0001');
const NEWSLETTER = uses('cloudPackInfomaniakNewsletterApi', 'catNewsletter1');
const CLOUDCIX = uses('cloudPackCloudCixApi', 'catCloudCix001');
const OPENSTACK = uses('cloudPackOpenStackApi', 'catOpenStack01');

const row = (
	set: Record<string, unknown>,
	parameter: string,
	why: string,
	problem?: RegExp,
): Row => ({
	set,
	parameter,
	why,
	problem,
});

function group(
	covers: string,
	name: string,
	type: string,
	credentials: Record<string, { id: string; name: string }>,
	parameters: (context: Context) => Record<string, unknown>,
	rows: Row[],
	extra: { binary?: boolean; credential?: Credential } = {},
): Group {
	return {
		covers,
		credential: extra.credential,
		rows,
		build: (context) => ({
			name,
			type,
			parameters: parameters(context),
			credentials,
			binary: extra.binary,
			rows,
		}),
	};
}

/** A group of one row whose bad input is its credential. */
function badCredential(
	covers: string,
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	[credentialType, id]: [string, string],
	data: Record<string, unknown>,
	bad: Row,
): Group {
	return group(covers, name, type, uses(credentialType, id), () => parameters, [bad], {
		credential: { id, name, type: credentialType, data },
	});
}

const TOO_LONG_SEGMENT = 'x'.repeat(300);
const department = {
	application: 'membership',
	service: { __rl: true, mode: 'path', value: 'department/' },
};
const byId = (value: string) => rl(value, 'id');
const KEY_1025 = 'k'.repeat(1025);

export const CATALOGUE: Group[] = [
	// ---- Cloud Storage, Local backend --------------------------------------------------------
	group(
		'Cloud Storage (Local)',
		'Local Upload Key',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'upload',
			container: rl('box'),
			key: expr('key'),
		}),
		[
			row({ key: '../escape.txt' }, 'Key', 'a ".." segment', /\.\./),
			row({ key: '/etc/passwd' }, 'Key', 'an absolute key', /relative/),
			row({ key: 'a//b.txt' }, 'Key', 'an empty segment', /empty/),
			row({ key: 'dir/' }, 'Key', 'a folder', /"\/"/),
			row(
				{ key: `dir/${TOO_LONG_SEGMENT}` },
				'Key',
				'a part longer than the filesystem allows',
				/too long/,
			),
			row({ key: 'a\u0000b' }, 'Key', 'a NUL character', /NUL/),
			row({ key: KEY_1025 }, 'Key', 'longer than 1024 bytes', /1024 bytes/),
		],
		{ binary: true },
	),
	group(
		'Cloud Storage (Local)',
		'Local Upload Container',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container')),
			key: 'k.txt',
		}),
		[
			row({ container: 'Bad/Name' }, 'Container', 'a "/" in a container name'),
			row({ container: '.hidden' }, 'Container', 'a name starting with a dot'),
			row(
				{ container: 'no-such-box' },
				'Container',
				'a container that does not exist',
				/does not exist/,
			),
			row({ container: '' }, 'Container', 'empty', /empty/),
		],
		{ binary: true },
	),
	group(
		'Cloud Storage (Local)',
		'Local Upload Options',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'upload',
			container: rl('box'),
			key: 'k.txt',
			binaryPropertyName: expr('field', 'data'),
			options: { expectedMd5: expr('md5', '') },
		}),
		[
			row({ md5: 'xyz' }, 'Expected MD5', 'not a hex MD5', /32 hexadecimal/),
			row(
				{ md5: '0123456789abcdef0123456789abcdef' },
				'Expected MD5',
				'a wrong MD5: nothing kept',
				/expected MD5/,
			),
			row(
				{ field: 'missing' },
				'Input Binary Field',
				'no such binary property',
				/no binary property/,
			),
			row({ field: ' ' }, 'Input Binary Field', 'an empty field name', /empty/),
		],
		{ binary: true },
	),
	group(
		'Cloud Storage (Local)',
		'Local Download Range',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'download',
			container: rl('box'),
			key: rl('a.txt', 'key'),
			binaryPropertyName: expr('field', 'data'),
			useRange: true,
			rangeStart: expr('start', 0),
			rangeEnd: expr('end', -1),
		}),
		[
			row({ start: -1 }, 'Range Start', 'negative', /minimum/),
			row({ start: 3, end: 1 }, 'Range End', 'before the start', /before/),
			row({ start: 'abc' }, 'Range Start', 'not a number', /whole number/),
			row({ start: 1.5 }, 'Range Start', 'not a whole number', /whole number/),
			row({ start: 100 }, 'Range Start', 'beyond the object', /outside the object/),
			row({ field: '' }, 'Put Output File in Field', 'an empty output field', /empty/),
		],
	),
	group(
		'Cloud Storage (Local)',
		'Local List Limit',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'list',
			container: rl('box'),
			returnAll: false,
			limit: expr('limit'),
		}),
		[
			row({ limit: 0 }, 'Limit', 'zero', /minimum of 1/),
			row({ limit: -5 }, 'Limit', 'negative', /minimum of 1/),
			row({ limit: 'many' }, 'Limit', 'not a number', /whole number/),
		],
	),
	group(
		'Cloud Storage (Local)',
		'Local Delete Many',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'deleteMany',
			container: rl('box'),
			keys: expr('keys'),
		}),
		[
			row({ keys: '' }, 'Keys', 'no key', /at least one key/),
			row({ keys: 'a.txt\n../x' }, 'Keys', 'one bad key among good ones: none deleted', /\.\./),
			row({ keys: `a.txt,${KEY_1025}` }, 'Keys', 'one key too long', /1024 bytes/),
		],
	),
	group(
		'Cloud Storage (Local)',
		'Local Create Container',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'container',
			operation: 'create',
			containerName: expr('name'),
		}),
		[
			row({ name: 'a/b' }, 'Container Name', 'a "/"'),
			row({ name: '' }, 'Container Name', 'empty', /empty/),
			row({ name: 'x'.repeat(256) }, 'Container Name', 'too long'),
			row({ name: 'box' }, 'Container Name', 'already exists', /already exists/),
		],
	),
	group(
		'Cloud Storage (Local)',
		'Local Copy',
		'cloudStorage',
		LOCAL,
		() => ({
			backend: 'local',
			resource: 'object',
			operation: 'copy',
			sourceContainer: rl('box'),
			sourceKey: rl(expr('source', 'a.txt'), 'key'),
			targetContainer: rl(expr('targetContainer', 'box')),
			targetKey: expr('target', 'copy.txt'),
		}),
		[
			row({ source: '../x' }, 'Source Key', 'a ".." source', /\.\./),
			row(
				{ source: 'missing.txt' },
				'Source Key',
				'a source that does not exist',
				/does not exist/,
			),
			row({ targetContainer: 'Bad/Name' }, 'Target Container', 'a bad target container'),
			row({ target: '../b.txt' }, 'Target Key', 'a ".." target', /\.\./),
		],
	),

	// ---- Cloud Storage, S3 backend -----------------------------------------------------------
	group(
		'Cloud Storage (S3)',
		'S3 Backend Upload',
		'cloudStorage',
		S3,
		({ tag }) => ({
			backend: 's3',
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container', tag)),
			key: expr('key', 'k.txt'),
			options: { metadata: { entry: [{ name: 'note', value: expr('meta', 'plain') }] } },
		}),
		[
			row({ container: 'UPPER_case' }, 'Container', 'not a bucket name'),
			row({ container: 'ab' }, 'Container', 'too short a bucket name'),
			row({ key: KEY_1025 }, 'Key', 'longer than 1024 bytes', /1024 bytes/),
			// fixed on the s3fix branch: until then the S3 backend answers ERR_INVALID_CHAR
			row({ meta: 'Grüße' }, 'Metadata', 'a non-ASCII metadata value'),
		],
		{ binary: true },
	),
	group(
		'Cloud Storage (S3)',
		'S3 Backend URL',
		'cloudStorage',
		S3,
		({ tag }) => ({
			backend: 's3',
			resource: 'object',
			operation: 'getUrl',
			container: rl(tag),
			key: rl('a.txt', 'key'),
			expiresIn: expr('expires'),
		}),
		[
			row({ expires: 0 }, 'Expires In (Seconds)', 'zero', /minimum/),
			row({ expires: 700000 }, 'Expires In (Seconds)', 'more than 7 days', /maximum/),
			row({ expires: 'soon' }, 'Expires In (Seconds)', 'not a number', /whole number/),
		],
	),
	group(
		'Cloud Storage (S3)',
		'S3 Backend Create',
		'cloudStorage',
		S3,
		() => ({
			backend: 's3',
			resource: 'container',
			operation: 'create',
			containerName: expr('name'),
		}),
		[
			row({ name: 'Bad_Bucket' }, 'Container Name', 'upper case and "_"'),
			row({ name: 'a' }, 'Container Name', 'one character'),
		],
	),

	// ---- Cloud Storage, Azure backend --------------------------------------------------------
	group(
		'Cloud Storage (Azure)',
		'Azure Backend Upload',
		'cloudStorage',
		AZURE,
		({ tag }) => ({
			backend: 'azure',
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container', tag)),
			key: expr('key', 'k.txt'),
			options: {
				expectedMd5: expr('md5', ''),
				metadata: { entry: [{ name: expr('metaName', 'note'), value: 'v' }] },
			},
		}),
		[
			row({ container: 'ab--cd' }, 'Container', 'two hyphens in a row'),
			row({ key: KEY_1025 }, 'Key', 'longer than 1024 characters'),
			row({ md5: 'zz' }, 'Expected MD5', 'not a hex MD5', /32 hexadecimal/),
			row({ metaName: '1bad name' }, 'Metadata', 'not a C# identifier'),
		],
		{ binary: true },
	),
	group(
		'Cloud Storage (Azure)',
		'Azure Backend Download',
		'cloudStorage',
		AZURE,
		({ tag }) => ({
			backend: 'azure',
			resource: 'object',
			operation: 'download',
			container: rl(tag),
			key: rl('a.txt', 'key'),
			useRange: true,
			rangeStart: expr('start', 0),
			rangeEnd: expr('end', -1),
		}),
		[row({ start: 4, end: 2 }, 'Range End', 'before the start', /before/)],
	),

	// ---- Cloud Storage, GCS backend ----------------------------------------------------------
	group(
		'Cloud Storage (GCS)',
		'GCS Backend Upload',
		'cloudStorage',
		GCS,
		({ tag, gcsBucket }) => ({
			backend: 'gcs',
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container', gcsBucket)),
			key: expr('key', `${tag}/k.txt`),
		}),
		[
			row({ container: 'goog-bucket' }, 'Container', 'a name starting with "goog"'),
			row({ key: 'line\rbreak' }, 'Key', 'a carriage return'),
			row({ key: '.well-known/acme-challenge/x' }, 'Key', 'a name GCS reserves'),
		],
		{ binary: true },
	),

	// ---- S3 node -----------------------------------------------------------------------------
	group(
		'S3',
		'S3 Upload',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'upload',
			bucket: rl(expr('bucket', tag)),
			key: expr('key', 'k.txt'),
			options: {
				partSizeMiB: expr('part', 5),
				concurrency: expr('conc', 4),
				metadata: expr('meta', '{}'),
				tags: expr('tags', '{}'),
				expectedMd5: expr('md5', ''),
			},
		}),
		[
			row({ bucket: 'ab' }, 'Bucket', 'too short'),
			row({ bucket: 'Bad_Bucket' }, 'Bucket', 'upper case and "_"'),
			row({ key: KEY_1025 }, 'Key', 'longer than 1024 bytes'),
			row({ part: 2 }, 'Part Size (MiB)', 'below 5 MiB', /minimum of 5/),
			row({ part: 'big' }, 'Part Size (MiB)', 'not a number', /whole number/),
			row({ conc: 99 }, 'Concurrency', 'above 32', /maximum of 32/),
			row({ meta: '{not json' }, 'Metadata', 'not JSON'),
			row({ meta: '["a"]' }, 'Metadata', 'not an object'),
			row({ tags: '{"k": {"nested": 1}}' }, 'Tags', 'a value that is not text'),
			row({ md5: 'abc' }, 'Expected MD5', 'not a hex MD5', /32 hexadecimal/),
		],
		{ binary: true },
	),
	group(
		'S3',
		'S3 Presign',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'presign',
			bucket: rl(tag),
			key: rl('a.txt', 'key'),
			expiresIn: expr('expires'),
		}),
		[
			row({ expires: 0 }, 'Expires In (Seconds)', 'zero', /7 days/),
			row({ expires: 604801 }, 'Expires In (Seconds)', 'one second over 7 days', /7 days/),
		],
	),
	group(
		'S3',
		'S3 Set Tags',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'setTags',
			bucket: rl(tag),
			key: rl('a.txt', 'key'),
			tags: expr('tags'),
		}),
		[
			row({ tags: '{bad' }, 'Tags', 'not JSON'),
			row({ tags: JSON.stringify({ k: 'v'.repeat(300) }) }, 'Tags', 'a value over 256 characters'),
		],
	),
	group(
		'S3',
		'S3 Delete Many',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'deleteMany',
			bucket: rl(tag),
			keys: expr('keys'),
		}),
		[
			row({ keys: '' }, 'Keys', 'no key', /at least one key/),
			row({ keys: `a.txt\n${KEY_1025}` }, 'Keys', 'one key too long: none deleted'),
		],
	),
	group(
		'S3',
		'S3 Create Bucket',
		's3',
		S3,
		({ tag }) => ({
			resource: 'bucket',
			operation: 'create',
			bucketName: expr('name', `${tag}-new`),
			options: { region: expr('region', '') },
		}),
		[
			row({ name: 'Bad_Bucket' }, 'Bucket Name', 'upper case and "_"'),
			row({ region: 'not a region!' }, 'Region', 'not a region name', /region/),
		],
	),
	group(
		'S3',
		'S3 Upload Data',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'uploadData',
			bucket: rl(tag),
			key: 'data.json',
			format: 'json',
			data: expr('data'),
		}),
		[row({ data: '{not json' }, 'Data', 'not JSON')],
	),
	group(
		'S3',
		'S3 Download',
		's3',
		S3,
		({ tag }) => ({
			resource: 'object',
			operation: 'download',
			bucket: rl(tag),
			key: rl('a.txt', 'key'),
			binaryPropertyName: expr('field', 'data'),
			useRange: true,
			rangeStart: expr('start', 0),
			rangeEnd: expr('end', -1),
		}),
		[
			row({ start: 5, end: 1 }, 'Range End', 'before the start', /before/),
			row({ start: -3 }, 'Range Start', 'negative', /minimum/),
			row({ field: '' }, 'Put Output File in Field', 'empty', /empty/),
		],
	),

	// ---- Azure Blob Storage node -------------------------------------------------------------
	group(
		'Azure Blob Storage',
		'Azure Upload',
		'azureBlob',
		AZURE,
		({ tag }) => ({
			resource: 'blob',
			operation: 'upload',
			container: rl(expr('container', tag)),
			blobName: expr('blob', 'k.txt'),
			options: {
				expectedMd5: expr('md5', ''),
				blockSize: expr('block', 8),
				concurrency: expr('conc', 5),
				metadata: { entry: [{ name: expr('metaName', 'note'), value: 'v' }] },
			},
		}),
		[
			row({ container: 'Bad_Name' }, 'Container', 'upper case and "_"'),
			row({ blob: KEY_1025 }, 'Blob Name', 'longer than 1024 characters'),
			row({ md5: 'zz' }, 'Expected MD5', 'not a hex MD5', /32 hexadecimal/),
			row({ block: 0 }, 'Block Size (MiB)', 'zero'),
			row({ block: 5000 }, 'Block Size (MiB)', "above Azure's largest block"),
			row({ conc: 0 }, 'Max Concurrency', 'zero'),
			row({ metaName: '1bad name' }, 'Metadata', 'not a C# identifier'),
		],
		{ binary: true },
	),
	group(
		'Azure Blob Storage',
		'Azure Create Container',
		'azureBlob',
		AZURE,
		() => ({ resource: 'container', operation: 'create', containerName: expr('name') }),
		[
			row({ name: 'ab--cd' }, 'Container Name', 'two hyphens in a row'),
			row({ name: 'UPPER' }, 'Container Name', 'upper case'),
		],
	),
	group(
		'Azure Blob Storage',
		'Azure SAS URL',
		'azureBlob',
		AZURE,
		({ tag }) => ({
			resource: 'blob',
			operation: 'getSasUrl',
			container: rl(tag),
			blob: rl('a.txt', 'key'),
			permissions: ['read'],
			expiresIn: expr('expires'),
		}),
		[
			row({ expires: 0 }, 'Expires In (Seconds)', 'zero'),
			row({ expires: -5 }, 'Expires In (Seconds)', 'negative'),
			row({ expires: 'later' }, 'Expires In (Seconds)', 'not a number'),
		],
	),
	group(
		'Azure Blob Storage',
		'Azure Copy From URL',
		'azureBlob',
		AZURE,
		({ tag }) => ({
			resource: 'blob',
			operation: 'copy',
			sourceType: 'url',
			sourceUrl: expr('url'),
			destinationContainer: rl(tag),
			destinationBlob: 'copied.txt',
		}),
		[
			row({ url: '' }, 'Source URL', 'empty', /empty/),
			row({ url: 'not a url' }, 'Source URL', 'not a URL'),
		],
	),
	group(
		'Azure Blob Storage',
		'Azure Download',
		'azureBlob',
		AZURE,
		({ tag }) => ({
			resource: 'blob',
			operation: 'download',
			container: rl(tag),
			blob: rl('a.txt', 'key'),
			useRange: true,
			rangeStart: expr('start', 0),
			rangeEnd: expr('end', -1),
		}),
		[
			row({ start: -1 }, 'Range Start', 'negative', /minimum/),
			row({ start: 'x' }, 'Range Start', 'not a number', /whole number/),
			row({ start: 4, end: 1 }, 'Range End', 'before the start', /before/),
		],
	),
	group(
		'Azure Blob Storage',
		'Azure List',
		'azureBlob',
		AZURE,
		({ tag }) => ({
			resource: 'blob',
			operation: 'list',
			container: rl(tag),
			returnAll: false,
			limit: expr('limit'),
		}),
		[row({ limit: 0 }, 'Limit', 'zero', /minimum of 1/)],
	),

	// ---- Google Cloud Storage node -----------------------------------------------------------
	group(
		'Google Cloud Storage',
		'GCS Upload',
		'googleCloudStorage',
		GCS,
		({ tag, gcsBucket }) => ({
			resource: 'object',
			operation: 'upload',
			bucket: rl(expr('bucket', gcsBucket)),
			objectName: expr('object', `${tag}/k.txt`),
			options: {
				chunkSize: expr('chunk', 0),
				resumableThreshold: expr('threshold', 8),
				expectedMd5: expr('md5', ''),
			},
		}),
		[
			row({ bucket: 'UPPER' }, 'Bucket', 'upper case'),
			row({ object: 'line\nbreak' }, 'Object Name', 'a line feed'),
			row({ chunk: 1.5 }, 'Chunk Size (MiB)', 'not whole MiB'),
			row({ threshold: -1 }, 'Resumable Above (MiB)', 'negative'),
			row({ md5: 'nope' }, 'Expected MD5', 'not a hex MD5', /32 hexadecimal/),
		],
		{ binary: true },
	),
	group(
		'Google Cloud Storage',
		'GCS Create Bucket',
		'googleCloudStorage',
		GCS,
		() => ({ resource: 'bucket', operation: 'create', bucketName: expr('name') }),
		[
			row({ name: 'goog-x' }, 'Bucket Name', 'starts with "goog"'),
			row({ name: 'ab' }, 'Bucket Name', 'too short'),
		],
	),
	group(
		'Google Cloud Storage',
		'GCS Signed URL',
		'googleCloudStorage',
		GCS,
		({ tag, gcsBucket }) => ({
			resource: 'object',
			operation: 'getSignedUrl',
			bucket: rl(gcsBucket),
			objectName: rl(`${tag}/a.txt`, 'key'),
			expiresIn: expr('expires'),
		}),
		[
			row({ expires: 0 }, 'Expires In (Seconds)', 'zero'),
			row({ expires: 604801 }, 'Expires In (Seconds)', 'more than 7 days'),
		],
	),
	group(
		'Google Cloud Storage',
		'GCS Update',
		'googleCloudStorage',
		GCS,
		({ tag, gcsBucket }) => ({
			resource: 'object',
			operation: 'update',
			bucket: rl(gcsBucket),
			objectName: rl(`${tag}/a.txt`, 'key'),
			updateFields: {
				metadata: { entry: [{ name: 'k', value: 'v' }] },
				removeMetadata: expr('remove'),
			},
		}),
		[row({ remove: 'k' }, 'Update Fields', 'one key set and removed', /both set and removed/)],
	),
	group(
		'Google Cloud Storage',
		'GCS Download',
		'googleCloudStorage',
		GCS,
		({ tag, gcsBucket }) => ({
			resource: 'object',
			operation: 'download',
			bucket: rl(gcsBucket),
			objectName: rl(`${tag}/a.txt`, 'key'),
			useRange: true,
			rangeStart: expr('start', 0),
			rangeEnd: expr('end', -1),
		}),
		[
			row({ start: -1 }, 'Range Start', 'negative', /minimum/),
			row({ start: 3, end: 0 }, 'Range End', 'before the start', /before/),
		],
	),

	// ---- Coda node ---------------------------------------------------------------------------
	group(
		'Coda',
		'Coda Insert Rows',
		'coda',
		CODA,
		({ doc }) => ({
			resource: 'row',
			operation: 'insert',
			docId: rl(doc.id, 'id'),
			tableId: rl(expr('table'), 'id'),
			dataMode: 'define',
			cellsUi: { cellValues: [{ column: expr('column', 'Name'), value: 'x' }] },
		}),
		[
			row({ table: '' }, 'Table', 'empty'),
			row({ table: 'grid-nope' }, 'Table', 'a table that does not exist'),
			row(
				{ table: 'Tasks', column: 'No Such Column' },
				'Values to Send',
				'a column the table lacks',
			),
		],
	),
	group(
		'Coda',
		'Coda Upsert Rows',
		'coda',
		CODA,
		({ doc }) => ({
			resource: 'row',
			operation: 'upsert',
			docId: rl(doc.id, 'id'),
			tableId: rl('Tasks', 'id'),
			keyColumns: expr('keys'),
			dataMode: 'define',
			cellsUi: { cellValues: [{ column: 'Name', value: 'x' }] },
		}),
		[
			row({ keys: '' }, 'Key Columns', 'no key column', /at least one column/),
			row({ keys: 'No Such Column' }, 'Key Columns', 'a column the table lacks'),
		],
	),
	group(
		'Coda',
		'Coda List Rows',
		'coda',
		CODA,
		({ doc }) => ({
			resource: 'row',
			operation: 'list',
			docId: rl(doc.id, 'id'),
			tableId: rl('Tasks', 'id'),
			returnAll: false,
			limit: expr('limit'),
		}),
		[
			row({ limit: 0 }, 'Limit', 'zero', /minimum of 1/),
			row({ limit: 'lots' }, 'Limit', 'not a number', /whole number/),
		],
	),
	group(
		'Coda',
		'Coda Delete Rows',
		'coda',
		CODA,
		({ doc }) => ({
			resource: 'row',
			operation: 'deleteMany',
			docId: rl(doc.id, 'id'),
			tableId: rl('Tasks', 'id'),
			rowIds: expr('ids'),
		}),
		[row({ ids: '' }, 'Row IDs', 'no row ID', /at least one row ID/)],
	),
	group(
		'Coda',
		'Coda Get Doc',
		'coda',
		CODA,
		() => ({ resource: 'doc', operation: 'get', docId: rl(expr('doc'), 'id') }),
		[
			row({ doc: '' }, 'Doc', 'empty'),
			row({ doc: 'NoSuchDoc' }, 'Doc', 'a doc that does not exist'),
		],
	),
	group(
		'Coda',
		'Coda Create Page',
		'coda',
		CODA,
		({ doc }) => ({
			resource: 'page',
			operation: 'create',
			docId: rl(doc.id, 'id'),
			name: 'New page',
			waitForCompletion: true,
			waitTimeout: expr('timeout'),
		}),
		[
			row({ timeout: 0 }, 'Wait Timeout (Seconds)', 'zero'),
			row({ timeout: 'long' }, 'Wait Timeout (Seconds)', 'not a number'),
		],
	),

	// ---- ReductStore node --------------------------------------------------------------------
	group(
		'ReductStore',
		'ReductStore Write',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'record',
			operation: 'write',
			bucket: rl(expr('bucket', 'existing')),
			entry: rl(expr('entry', 'probe')),
			inputSource: 'text',
			textData: 'x',
			timestamp: expr('ts', 'now'),
			labels: { label: [{ name: expr('label', 'ok'), value: 'v' }] },
		}),
		[
			row({ bucket: 'bad name!' }, 'Bucket', 'spaces and "!"'),
			row({ entry: '' }, 'Entry', 'empty'),
			row({ ts: 'yesterday' }, 'Timestamp', 'not a time'),
			row({ ts: '-5' }, 'Timestamp', 'negative'),
			row({ ts: '2026-13-45T99:00:00Z' }, 'Timestamp', 'an impossible date'),
			row({ label: 'bad label!' }, 'Labels', 'a label name with "!"'),
		],
	),
	group(
		'ReductStore',
		'ReductStore Write Many',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'record',
			operation: 'writeBatch',
			bucket: rl('existing'),
			entry: rl('batch'),
			inputSource: 'text',
			textData: 'x',
			timestamp: expr('ts'),
		}),
		[
			row({ ts: 'later' }, 'Timestamp', 'not a time'),
			row({ ts: '1.5' }, 'Timestamp', 'a fraction of a microsecond'),
		],
	),
	group(
		'ReductStore',
		'ReductStore Query',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'record',
			operation: 'query',
			bucket: rl('existing'),
			entry: rl('probe'),
			start: expr('start', ''),
			when: expr('when', ''),
			returnAll: false,
			limit: expr('limit', 10),
		}),
		[
			row({ limit: 0 }, 'Limit', 'zero', /minimum of 1/),
			row({ when: '{not json' }, 'When Condition', 'not JSON'),
			row({ start: 'noon' }, 'Start', 'not a time'),
		],
	),
	group(
		'ReductStore',
		'ReductStore Create Bucket',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'bucket',
			operation: 'create',
			bucketName: expr('name', 'new-bucket'),
			settings: { quotaSize: expr('quota', 0), maxBlockRecords: expr('records', 1024) },
		}),
		[
			row({ name: 'bad name!' }, 'Bucket Name', 'spaces and "!"'),
			row({ quota: -1 }, 'Quota Size (Bytes)', 'negative'),
			row({ records: 'many' }, 'Max Block Records', 'not a number'),
		],
	),
	group(
		'ReductStore',
		'ReductStore Create Token',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'token',
			operation: 'create',
			tokenName: expr('name', 'new-token'),
			options: { expiresAt: expr('expires', '2099-01-01T00:00:00Z') },
		}),
		[
			row({ name: '' }, 'Token Name', 'empty'),
			row({ expires: 'someday' }, 'Expires At', 'not a date'),
			row({ expires: '2001-01-01T00:00:00Z' }, 'Expires At', 'in the past'),
		],
	),
	group(
		'ReductStore',
		'ReductStore Create Replication',
		'reductStore',
		REDUCT,
		() => ({
			resource: 'replication',
			operation: 'create',
			replicationName: 'copy',
			srcBucket: rl('existing'),
			dstHost: expr('host'),
			dstBucket: 'mirror',
			options: { dstToken: expr('token', '') },
		}),
		[
			row({ host: 'not a url' }, 'Destination Server URL', 'not a URL'),
			row(
				{ host: 'https://admin:pw@mirror.example.com' },
				'Destination Server URL',
				'user:password@',
				/user name or password/,
			),
			row(
				{ host: 'http://mirror.example.com', token: 'tok' },
				'Destination Server URL',
				'a token over plain http',
				/https:\/\//,
			),
		],
	),

	// ---- Infomaniak Newsletter node (the spec-checked fake) ----------------------------------
	group(
		'Infomaniak Newsletter',
		'Newsletter Upsert',
		'infomaniakNewsletter',
		NEWSLETTER,
		() => ({
			resource: 'subscriber',
			operation: 'upsert',
			email: expr('email'),
		}),
		[
			row({ email: 'ada(at)example.com' }, 'Email', 'not an e-mail address', /valid e-mail/),
			row({ email: 'ada@' }, 'Email', 'no domain', /valid e-mail/),
			row({ email: '' }, 'Email', 'empty'),
		],
	),
	group(
		'Infomaniak Newsletter',
		'Newsletter Schedule',
		'infomaniakNewsletter',
		NEWSLETTER,
		({ campaignId }) => ({
			resource: 'campaign',
			operation: 'schedule',
			campaignId: byId(expr('campaign', String(campaignId))),
			sendAt: expr('sendAt', '2099-01-01T10:00:00Z'),
		}),
		[
			row({ sendAt: '2020-01-01T10:00:00Z' }, 'Send At', 'a date in the past', /in the past/),
			row({ sendAt: 'next tuesday' }, 'Send At', 'not a date', /not a date/),
			row({ campaign: 'Spring news' }, 'Campaign', 'a name where an ID goes', /not an ID/),
		],
	),
	group(
		'Infomaniak Newsletter',
		'Newsletter Create Campaign',
		'infomaniakNewsletter',
		NEWSLETTER,
		() => ({
			resource: 'campaign',
			operation: 'create',
			subject: 'News',
			senderEmail: expr('sender', 'news@news.example.com'),
			senderName: 'News',
			language: expr('language', 'en_GB'),
			contentSource: 'html',
			htmlContent: expr('html', '<p>Hello</p>'),
		}),
		[
			row({ language: 'xx_XX' }, 'Language', 'an unknown language', /campaign languages/),
			row({ sender: 'news at example.com' }, 'Sender Address', 'not an e-mail address'),
			row({ html: '   ' }, 'HTML Content', 'blank HTML', /empty/),
		],
	),
	group(
		'Infomaniak Newsletter',
		'Newsletter List Subscribers',
		'infomaniakNewsletter',
		NEWSLETTER,
		() => ({
			resource: 'subscriber',
			operation: 'list',
			returnAll: false,
			limit: expr('limit'),
		}),
		[
			row({ limit: 0 }, 'Limit', 'zero', /minimum of 1/),
			row({ limit: 'some' }, 'Limit', 'not a number', /whole number/),
		],
	),
	group(
		'Infomaniak Newsletter',
		'Newsletter Forget',
		'infomaniakNewsletter',
		NEWSLETTER,
		() => ({
			resource: 'subscriber',
			operation: 'forget',
			subscriberId: byId('1'),
			confirmForget: false,
		}),
		[row({}, 'Confirm Permanent Erasure', 'the erasure not confirmed', /nothing was sent/)],
	),

	// ---- CloudCIX node (the fake: nothing is sent, not even the login) -----------------------
	group(
		'CloudCIX',
		'CloudCIX Create',
		'cloudCix',
		CLOUDCIX,
		() => ({
			operation: 'create',
			...department,
			jsonBody: expr('body', '{"name": "Sales"}'),
		}),
		[
			row({ body: '{"name": "Sales",' }, 'JSON', 'JSON that does not parse', /not valid JSON/),
			row({ body: '[1, 2]' }, 'JSON', 'an array, not an object', /JSON object/),
		],
	),
	group(
		'CloudCIX',
		'CloudCIX Read',
		'cloudCix',
		CLOUDCIX,
		() => ({
			operation: 'read',
			application: 'membership',
			service: { __rl: true, mode: 'path', value: expr('service', 'department/') },
			id: expr('id', '1'),
		}),
		[
			row({ id: '' }, 'ID', 'no ID', /empty/),
			row({ service: 'https://evil.example/x/' }, 'Service', 'a URL where a path goes'),
			row({ service: 'department/../user/' }, 'Service', 'a ".." segment'),
		],
	),
	group(
		'CloudCIX',
		'CloudCIX List',
		'cloudCix',
		CLOUDCIX,
		() => ({
			operation: 'list',
			...department,
			limit: expr('limit', 20),
			page: expr('page', 0),
			filters: {
				conditions: [
					{ mode: 'search', field: 'name', lookup: expr('lookup', 'icontains'), value: 'a' },
				],
			},
		}),
		[
			row({ limit: 150 }, 'Limit', 'over 100', /maximum of 100/),
			row({ page: -1 }, 'Page', 'negative', /minimum of 0/),
			row({ lookup: 'between' }, 'Lookup', 'an unknown lookup', /lookup CloudCIX knows/),
		],
	),
	group(
		'CloudCIX',
		'CloudCIX Custom Application',
		'cloudCix',
		CLOUDCIX,
		() => ({
			operation: 'list',
			application: 'custom',
			customApplication: expr('app'),
			service: { __rl: true, mode: 'path', value: 'x/' },
		}),
		[row({ app: 'help desk' }, 'Application Name', 'not a host name label')],
	),

	// ---- OpenStack nodes (the local OpenStack) -----------------------------------------------
	group(
		'OpenStack Compute',
		'OpenStack Create Server',
		'openStackCompute',
		OPENSTACK,
		({ tag }) => ({
			resource: 'server',
			operation: 'create',
			name: expr('name', `${tag}-vm`),
			flavor: rl(expr('flavor', 'm1.tiny')),
			image: rl(expr('image', 'cirros-0.6.2-x86_64-disk')),
			wait: false,
			options: { userData: expr('userData', '') },
		}),
		[
			row({ flavor: 'no-such-flavor' }, 'Flavor', 'a flavor that does not exist'),
			row({ image: 'no-such-image' }, 'Image', 'an image that does not exist'),
			row({ name: '  ' }, 'Name', 'a blank name', /empty/),
			row({ userData: 'x'.repeat(50_000) }, 'User Data', "over Nova's 65,535 base64 characters"),
		],
	),
	group(
		'OpenStack Compute',
		'OpenStack Create Key Pair',
		'openStackCompute',
		OPENSTACK,
		({ tag }) => ({
			resource: 'keyPair',
			operation: 'create',
			name: expr('name', `${tag}-key`),
			keySource: 'import',
			publicKey: expr('key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI'),
		}),
		[
			row({ name: 'my/key' }, 'Name', 'a "/" Nova refuses'),
			row({ key: 'not a key' }, 'Public Key', 'not an OpenSSH public key', /OpenSSH/),
		],
	),
	group(
		'OpenStack Compute',
		'OpenStack Console Log',
		'openStackCompute',
		OPENSTACK,
		() => ({
			resource: 'server',
			operation: 'getConsoleLog',
			server: rl('no-such-server'),
			lines: 10,
		}),
		[row({}, 'Server', 'a server that does not exist')],
	),
	group(
		'OpenStack Block Storage',
		'OpenStack Create Volume',
		'openStackBlockStorage',
		OPENSTACK,
		({ tag }) => ({
			resource: 'volume',
			operation: 'create',
			size: expr('size', 1),
			name: expr('name', `${tag}-vol`),
		}),
		[
			row({ size: 0 }, 'Size (GB)', 'zero', /minimum of 1/),
			row({ size: 'big' }, 'Size (GB)', 'not a number', /whole number/),
			row({ name: 'v'.repeat(256) }, 'Name', 'longer than 255 characters'),
		],
	),
	group(
		'OpenStack Block Storage',
		'OpenStack Extend Volume',
		'openStackBlockStorage',
		OPENSTACK,
		({ tag }) => ({
			resource: 'volume',
			operation: 'extend',
			volume: rl(`${tag}-missing`),
			newSize: 2,
		}),
		[row({}, 'Volume', 'a volume that does not exist', /no volume is named/)],
	),
	group(
		'OpenStack Network',
		'OpenStack Create Network',
		'openStackNetwork',
		OPENSTACK,
		({ tag }) => ({
			resource: 'network',
			operation: 'create',
			name: `${tag}-net`,
			createSubnet: true,
			cidr: expr('cidr', '10.91.0.0/24'),
			gatewayIp: expr('gateway', ''),
			options: { mtu: expr('mtu', 1450) },
		}),
		[
			row({ cidr: '10.91.0.1/24' }, 'CIDR', 'host bits set'),
			row({ cidr: '10.91.0.0/33' }, 'CIDR', 'a prefix over 32'),
			row({ gateway: '10.92.0.1' }, 'Gateway IP', 'outside the CIDR'),
			row({ mtu: 10 }, 'MTU', 'below 68', /minimum of 68/),
		],
	),
	group(
		'OpenStack Network',
		'OpenStack Create Rule',
		'openStackNetwork',
		OPENSTACK,
		({ tag }) => ({
			resource: 'securityGroupRule',
			operation: 'create',
			securityGroup: rl(`${tag}-sg`),
			protocol: expr('protocol', 'tcp'),
			portRange: expr('ports', '22'),
			protocolNumber: expr('number', 47),
			remote: 'cidr',
			remoteCidr: expr('remote', '0.0.0.0/0'),
		}),
		[
			row({ ports: '8080-80' }, 'Port Range', 'backwards', /starts above its end/),
			row({ ports: '70000' }, 'Port Range', 'beyond 65535', /1–65535/),
			row({ ports: 'ssh' }, 'Port Range', 'not a port'),
			row({ remote: '10.0.0.0/8/1' }, 'Remote CIDR', 'not a CIDR'),
			row({ protocol: 'number', number: 300 }, 'Protocol Number', 'above 255', /maximum of 255/),
		],
	),
	group(
		'OpenStack DNS',
		'OpenStack Create Zone',
		'openStackDns',
		OPENSTACK,
		({ tag }) => ({
			resource: 'zone',
			operation: 'create',
			zoneName: expr('zone', `${tag}.example.`),
			email: expr('email', `hostmaster@${tag}.example`),
			options: { ttl: expr('ttl', 3600) },
		}),
		[
			row({ zone: 'localhost' }, 'Zone Name', 'a single label'),
			row({ email: 'hostmaster' }, 'Email', 'not an e-mail address'),
			row({ ttl: -1 }, 'TTL (Seconds)', 'negative', /minimum of 0/),
			row({ ttl: 2 ** 31 }, 'TTL (Seconds)', 'above 2,147,483,647', /maximum/),
		],
	),
	group(
		'OpenStack DNS',
		'OpenStack Create Record Set',
		'openStackDns',
		OPENSTACK,
		({ tag }) => ({
			resource: 'recordSet',
			operation: 'create',
			zone: rl(expr('zone', `${tag}.example.`)),
			name: 'www',
			type: expr('type', 'A'),
			records: expr('records', '192.0.2.10'),
		}),
		[
			row({ records: '999.0.2.10' }, 'Records', 'not an IPv4 address'),
			row({ type: 'MX', records: 'mail.example.com' }, 'Records', 'an MX without priority'),
			row({ type: 'NOPE' }, 'Type', 'not a record type'),
			row({}, 'Zone', 'a zone that does not exist'),
		],
	),
	group(
		'OpenStack Orchestration',
		'OpenStack Create Stack',
		'openStackOrchestration',
		OPENSTACK,
		({ tag }) => ({
			resource: 'stack',
			operation: 'create',
			stackName: expr('name', `${tag}-stack`),
			templateSource: 'text',
			template: expr('template', 'heat_template_version: 2018-08-31\nresources: {}\n'),
			specifyParameters: 'json',
			parametersJson: expr('parameters', '{}'),
			waitUntilComplete: false,
			options: { timeoutMinutes: expr('timeout', 10) },
		}),
		[
			row({ name: '1stack' }, 'Stack Name', 'a digit first'),
			row({ template: ' ' }, 'Template', 'an empty template', /empty/),
			row({ parameters: '{"count": ' }, 'Parameters (JSON)', 'not JSON', /not valid JSON/),
			row({ parameters: '[1]' }, 'Parameters (JSON)', 'not an object', /JSON object/),
			row({ timeout: 0 }, 'Timeout (Minutes)', 'zero', /minimum of 1/),
		],
	),
	group(
		'OpenStack Identity',
		'OpenStack Create App Credential',
		'openStackIdentity',
		OPENSTACK,
		({ tag }) => ({
			resource: 'applicationCredential',
			operation: 'create',
			name: expr('name', `${tag}-app`),
			options: { expiresAt: expr('expires', '2099-01-01T00:00:00Z') },
		}),
		[
			row({ expires: 'someday' }, 'Expires At', 'not a date', /not a date/),
			row({ expires: '2001-01-01T00:00:00Z' }, 'Expires At', 'in the past'),
			row({ name: '' }, 'Name', 'empty', /empty/),
		],
	),
	group(
		'OpenStack Usage',
		'OpenStack Compute Usage',
		'openStackUsage',
		OPENSTACK,
		() => ({
			resource: 'compute',
			operation: 'getUsage',
			period: 'custom',
			start: expr('start', '2026-01-01T00:00:00Z'),
			end: expr('end', '2026-02-01T00:00:00Z'),
		}),
		[
			row({ start: 'last week' }, 'Start', 'not a date', /not a date/),
			row({ end: '2025-12-01T00:00:00Z' }, 'End', 'before the start', /not after the Start/),
		],
	),
	group(
		'OpenStack Object Storage',
		'OpenStack Upload Object',
		'openStackObjectStorage',
		OPENSTACK,
		({ tag }) => ({
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container', tag)),
			objectName: expr('object', 'k.txt'),
			options: { metadata: { entry: [{ name: 'owner', value: expr('owner', 'ada') }] } },
		}),
		[
			row({ container: 'a/b' }, 'Container', 'a "/" in a container name'),
			row({ container: 'c'.repeat(257) }, 'Container', 'over 256 bytes'),
			row({ object: KEY_1025 }, 'Object Name', 'over 1,024 bytes'),
			row({ object: 'a/../b' }, 'Object Name', 'a ".." segment'),
			row({ owner: 'Zoë' }, 'Metadata', 'a non-ASCII value'),
		],
		{ binary: true },
	),
	group(
		'OpenStack Object Storage',
		'OpenStack Temp URL',
		'openStackObjectStorage',
		OPENSTACK,
		({ tag }) => ({
			resource: 'object',
			operation: 'getTempUrl',
			container: rl(tag),
			object: rl('a.txt'),
			expiresIn: expr('expires'),
		}),
		[
			row({ expires: 0 }, 'Expires In (Seconds)', 'zero', /minimum of 1/),
			row({ expires: 'soon' }, 'Expires In (Seconds)', 'not a number', /whole number/),
		],
	),
	group(
		'Cloud Storage (Swift)',
		'Swift Backend Upload',
		'cloudStorage',
		OPENSTACK,
		({ tag }) => ({
			backend: 'swift',
			resource: 'object',
			operation: 'upload',
			container: rl(expr('container', tag)),
			key: expr('key', 'k.txt'),
		}),
		[
			row({ container: 'a/b' }, 'Container', 'a "/" in a container name'),
			row({ key: KEY_1025 }, 'Key', 'over 1,024 bytes'),
		],
		{ binary: true },
	),

	// ---- credentials that are the bad input --------------------------------------------------
	badCredential(
		'S3',
		'S3 Plain HTTP Endpoint',
		's3',
		{ resource: 'bucket', operation: 'list', returnAll: true },
		['cloudPackS3Api', 'catBadS3Http01'],
		{
			provider: 'custom',
			endpoint: 'http://s3.example.com',
			accessKeyId: 'a',
			secretAccessKey: 'b',
		},
		row({}, 'Endpoint', 'a key over plain http:// to another machine', /https:\/\//),
	),
	badCredential(
		'S3',
		'S3 Host Chain',
		's3',
		{ resource: 'bucket', operation: 'list', returnAll: true },
		['cloudPackS3Api', 'catBadS3Chain1'],
		{ provider: 'aws', region: 'eu-west-1', authentication: 'defaultChain' },
		row(
			{},
			'AWS Default Credential Chain of the n8n Host',
			'not enabled on this server',
			/N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED/,
		),
	),
	badCredential(
		'Cloud Storage (GCS)',
		'GCS Plain HTTP Endpoint',
		'cloudStorage',
		{ backend: 'gcs', resource: 'container', operation: 'list', returnAll: true },
		['cloudPackGoogleCloudStorageApi', 'catBadGcsHttp1'],
		{
			serviceAccountKey: JSON.stringify({
				type: 'service_account',
				client_email: 'a@b.iam.gserviceaccount.com',
				private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
				project_id: 'p',
			}),
			useCustomEndpoint: true,
			apiEndpoint: 'http://gcs.example.com',
			endpointType: 'google',
		},
		row({}, 'API Endpoint', 'a token over plain http:// to another machine', /https:\/\//),
	),
	badCredential(
		'Azure Blob Storage',
		'Azure Bad Key',
		'azureBlob',
		{ resource: 'container', operation: 'list', returnAll: true },
		['cloudPackAzureBlobApi', 'catBadAzureKey'],
		{ authentication: 'sharedKey', accountName: 'acct', accountKey: 'not base64!' },
		row({}, 'Account Key', 'not base64', /base64/),
	),
	badCredential(
		'Coda',
		'Coda FTP Base URL',
		'coda',
		{ resource: 'doc', operation: 'list', returnAll: true },
		['cloudPackCodaApi', 'catBadCodaFtp1'],
		{ apiToken: 't', baseUrl: 'ftp://coda.io/apis/v1' },
		row({}, 'Base URL', 'not http(s)', /https:\/\//),
	),
	badCredential(
		'Infomaniak Newsletter',
		'Newsletter Domain ID',
		'infomaniakNewsletter',
		{ resource: 'utility', operation: 'getCredits' },
		['cloudPackInfomaniakNewsletterApi', 'catBadNlDomain'],
		{ apiToken: 't', domainId: 'news.example.com', baseUrl: 'https://api.infomaniak.com' },
		row({}, 'Domain ID', 'not a number', /not a number/),
	),
	badCredential(
		'Infomaniak Newsletter',
		'Newsletter Plain HTTP',
		'infomaniakNewsletter',
		{ resource: 'utility', operation: 'getCredits' },
		['cloudPackInfomaniakNewsletterApi', 'catBadNlHttp01'],
		{ apiToken: 't', domainId: '4242', baseUrl: 'http://api.infomaniak.example' },
		row({}, 'Base URL', 'the token over plain http:// to another machine', /https:\/\//),
	),
	badCredential(
		'CloudCIX',
		'CloudCIX User In URL',
		'cloudCix',
		{ operation: 'list', ...department },
		['cloudPackCloudCixApi', 'catBadCixUser1'],
		{
			email: 'a@example.com',
			password: 'pw',
			apiKey: 'k',
			apiUrl: 'https://ada:pw@api.cloudcix.com/',
		},
		row({}, 'API URL', 'user:password@', /user name or password/),
	),
	badCredential(
		'OpenStack Identity',
		'OpenStack Plain HTTP Keystone',
		'openStackIdentity',
		{ resource: 'user', operation: 'getCurrent' },
		['cloudPackOpenStackApi', 'catBadOsHttp01'],
		{
			cloud: 'custom',
			authUrl: 'http://keystone.example.com:5000/v3',
			region: 'RegionOne',
			authentication: 'password',
			userName: 'u',
			password: 'pw',
			projectName: 'p',
		},
		row({}, 'Auth URL', 'a password over plain http:// to another machine', /https:\/\//),
	),
	badCredential(
		'ReductStore',
		'ReductStore Bad URL',
		'reductStore',
		{ resource: 'server', operation: 'info' },
		['cloudPackReductStoreApi', 'catBadReduct01'],
		{ url: 'reduct server', apiToken: '' },
		row({}, 'Server URL', 'not a URL', /not a URL/),
	),
];
