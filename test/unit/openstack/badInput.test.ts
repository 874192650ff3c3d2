import { OpenStackIdentity } from '../../../nodes/OpenStackIdentity/OpenStackIdentity.node';
import { OpenStackObjectStorage } from '../../../nodes/OpenStackObjectStorage/OpenStackObjectStorage.node';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_SEGMENT_SIZE,
	MIB,
} from '../../../nodes/shared/storage/drivers/swift/upload';
import { uploadOptions } from '../../../nodes/OpenStackObjectStorage/actions/object/uploadOptions';
import { rl } from '../../helpers/executeContext';
import { credentialStore, runNodeFailing } from '../../helpers/openstack/context';
import { FakeKeystone } from '../../helpers/openstack/fakeKeystone';

jest.setTimeout(60_000);

const swift = new OpenStackObjectStorage();
const identity = new OpenStackIdentity();

describe('bad input is refused before anything is written, naming the parameter', () => {
	let keystone: FakeKeystone;
	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
	});
	afterAll(async () => await keystone.stop());
	beforeEach(() => {
		keystone.serviceCalls = [];
	});

	const upload = (overrides: Record<string, unknown>) => ({
		resource: 'object',
		operation: 'uploadData',
		container: rl('files'),
		objectName: 'a.txt',
		dataType: 'text',
		text: 'hello',
		options: {},
		...overrides,
	});

	it.each([
		[
			'a container name with "/"',
			upload({ container: rl('a/b') }),
			/^The "Container" "a\/b" must not contain "\/"$/,
			'Container',
		],
		[
			'a container name over 256 bytes',
			upload({ container: rl('c'.repeat(257)) }),
			/^The "Container" is 257 bytes long; Swift allows at most 256$/,
			'Container',
		],
		[
			'an object name over 1,024 bytes',
			upload({ objectName: 'é'.repeat(513) }),
			/^The "Object Name" is 1026 bytes long; Swift allows at most 1024$/,
			'Object Name',
		],
		[
			'an object name with a ".." segment',
			upload({ objectName: 'a/../b' }),
			/must not contain "\." or "\.\." segments/,
			'Object Name',
		],
		[
			'metadata with a non-ASCII value',
			upload({ options: { metadata: { entry: [{ name: 'owner', value: 'Zoë' }] } } }),
			/^"Metadata" "owner" must be printable ASCII text/,
			'Metadata',
		],
		[
			'metadata with a space in its name',
			upload({ options: { metadata: { entry: [{ name: 'my owner', value: 'x' }] } } }),
			/"Metadata" name "my owner" may only hold/,
			'Metadata',
		],
		[
			'metadata without a name',
			upload({ options: { metadata: { entry: [{ name: ' ', value: 'x' }] } } }),
			/^Invalid "Metadata": every entry needs a name$/,
			'Metadata',
		],
		[
			'a delete-after of 0 seconds',
			upload({ options: { deleteAfter: 0 } }),
			/^Invalid "Delete After \(Seconds\)": 0 is below the minimum of 1$/,
			'Delete After (Seconds)',
		],
		[
			'invalid JSON',
			upload({ dataType: 'json', json: '{"a":' }),
			/^Invalid "JSON": it is not valid JSON/,
			'JSON',
		],
		[
			'a temporary URL that never expires',
			{
				resource: 'object',
				operation: 'getTempUrl',
				container: rl('files'),
				object: rl('a.txt'),
				method: 'GET',
				expiresIn: 0,
			},
			/^Invalid "Expires In \(Seconds\)": 0 is below the minimum of 1$/,
			'Expires In (Seconds)',
		],
		[
			'a temporary URL valid for more than a year',
			{
				resource: 'object',
				operation: 'getTempUrl',
				container: rl('files'),
				object: rl('a.txt'),
				method: 'GET',
				expiresIn: 31536001,
			},
			/^Invalid "Expires In \(Seconds\)": 31536001 is above the maximum of 31536000$/,
			'Expires In (Seconds)',
		],
		[
			'a segment size of 0',
			{
				resource: 'object',
				operation: 'upload',
				container: rl('files'),
				objectName: 'a',
				binaryPropertyName: 'data',
				options: { segmentSizeMiB: 0 },
			},
			/^Invalid "Segment Size \(MiB\)": 0 is below the minimum of 1$/,
			'Segment Size (MiB)',
		],
		[
			'a malformed expected MD5',
			{
				resource: 'object',
				operation: 'upload',
				container: rl('files'),
				objectName: 'a',
				binaryPropertyName: 'data',
				options: { expectedMd5: 'xyz' },
			},
			/^Invalid "Expected MD5": it must be 32 hexadecimal characters$/,
			'Expected MD5',
		],
		[
			'a byte range ending before it starts',
			{
				resource: 'object',
				operation: 'download',
				container: rl('files'),
				object: rl('a'),
				binaryPropertyName: 'data',
				useRange: true,
				rangeStart: 10,
				rangeEnd: 5,
			},
			/^Invalid "Range End": 5 is before "Range Start" \(10\)$/,
			'Range End',
		],
		[
			'delete many without names',
			{ resource: 'object', operation: 'deleteMany', container: rl('files'), objectNames: ' , ' },
			/^Invalid "Object Names": give at least one name$/,
			'Object Names',
		],
		[
			'a new container named with "/"',
			{
				resource: 'container',
				operation: 'create',
				containerName: 'x/y',
				ifNotExists: true,
				options: {},
			},
			/^The "Container Name" "x\/y" must not contain "\/"$/,
			'Container Name',
		],
	])('Object Storage: %s', async (_what, params, message, label) => {
		const error = await runNodeFailing(swift, credentialStore(keystone.credential()), { params });
		expect(error.message).toMatch(message);
		expect(error.description).toBe(`Check the parameter "${label}"`);
		expect(keystone.serviceCalls).toHaveLength(0);
	});

	it.each([
		[
			'an application credential expiring in the past',
			{
				resource: 'applicationCredential',
				operation: 'create',
				name: 'x',
				options: { expiresAt: '2020-01-01T00:00:00Z' },
			},
			/^Invalid "Expires At": 2020-01-01T00:00:00.000Z is in the past$/,
			'Expires At',
		],
		[
			'an application credential expiring at no date',
			{
				resource: 'applicationCredential',
				operation: 'create',
				name: 'x',
				options: { expiresAt: 'soon' },
			},
			/^Invalid "Expires At": "soon" is not a date$/,
			'Expires At',
		],
		[
			'an application credential without a name',
			{ resource: 'applicationCredential', operation: 'create', name: '  ', options: {} },
			/^Invalid "Name": it must not be empty$/,
			'Name',
		],
		[
			'an EC2 credential for a project ID with spaces',
			{ resource: 'ec2Credential', operation: 'create', projectId: 'my project' },
			/^Invalid "Project ID": "my project" is not a project ID$/,
			'Project ID',
		],
	])('Identity: %s', async (_what, params, message, label) => {
		const error = await runNodeFailing(identity, credentialStore(keystone.credential()), {
			params,
		});
		expect(error.message).toMatch(message);
		expect(error.description).toBe(`Check the parameter "${label}"`);
		expect(keystone.serviceCalls).toHaveLength(0);
	});

	it('keeps the upload defaults shown in the node equal to the driver defaults', () => {
		const byName = Object.fromEntries(uploadOptions.map((option) => [option.name, option.default]));
		expect(byName.segmentSizeMiB).toBe(DEFAULT_SEGMENT_SIZE / MIB);
		expect(byName.concurrency).toBe(DEFAULT_CONCURRENCY);
	});
});
