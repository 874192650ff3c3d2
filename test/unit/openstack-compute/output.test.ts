import { withApiVersion } from '../../../nodes/shared/openstack/request';
import { describeServer, exactNameFilter } from '../../../nodes/shared/openstack/resources/compute';
import { camelKey, isoDate, tidy } from '../../../nodes/shared/openstack/resources/output';

describe("OpenStack records in the pack's words", () => {
	it('names keys in camelCase without the OS-EXT prefixes', () => {
		expect(camelKey('OS-EXT-STS:vm_state')).toBe('vmState');
		expect(camelKey('os-extended-volumes:volumes_attached')).toBe('volumesAttached');
		expect(camelKey('os-vol-tenant-attr:tenant_id')).toBe('tenantId');
		expect(camelKey('router:external')).toBe('routerExternal');
		expect(camelKey('port_range_min')).toBe('portRangeMin');
	});

	it('writes dates as ISO 8601, reading a date without a zone as UTC', () => {
		expect(isoDate('2026-12-02T09:28:33.000000')).toBe('2026-12-02T09:28:33.000Z');
		expect(isoDate('2026-12-02T09:28:33Z')).toBe('2026-12-02T09:28:33.000Z');
		expect(isoDate('2026-12-02T10:28:33+01:00')).toBe('2026-12-02T09:28:33.000Z');
		expect(isoDate('2026-12-02 09:28:33')).toBe('2026-12-02T09:28:33.000Z');
		expect(isoDate('active')).toBe('active');
		expect(isoDate(null)).toBeNull();
	});

	it('keeps user-given keys (metadata, network names) and drops links', () => {
		const out = tidy({
			id: 'x',
			created_at: '2026-01-01T00:00:00.000000',
			metadata: { my_key: 'v' },
			addresses: { 'my-net_1': [{ addr: '10.0.0.5', 'OS-EXT-IPS:type': 'fixed' }] },
			links: [{ href: 'http://x', rel: 'self' }],
			volumes_links: [],
		});
		expect(out).toEqual({
			id: 'x',
			createdAt: '2026-01-01T00:00:00.000Z',
			metadata: { my_key: 'v' },
			addresses: { 'my-net_1': [{ addr: '10.0.0.5', type: 'fixed' }] },
		});
	});

	it('shows a server with its addresses, flavor name, power state and fault message, never its admin password', () => {
		const server = describeServer({
			id: 's1',
			name: 'web',
			status: 'ERROR',
			adminPass: 'secret-pass',
			'OS-EXT-STS:power_state': 1,
			'OS-EXT-STS:task_state': null,
			flavor: { original_name: 'm1.tiny', vcpus: 1 },
			addresses: {
				net: [
					{ addr: '10.0.0.5', version: 4 },
					{ addr: 'fd00::5', version: 6 },
				],
			},
			fault: { code: 500, message: 'No valid host was found.', created: '2026-12-02T09:00:00Z' },
		});
		expect(server).toMatchObject({
			id: 's1',
			status: 'ERROR',
			faultMessage: 'No valid host was found.',
			flavorName: 'm1.tiny',
			ipAddresses: ['10.0.0.5', 'fd00::5'],
			powerState: 1,
			powerStateName: 'RUNNING',
			taskState: null,
			fault: { created: '2026-12-02T09:00:00.000Z' },
		});
		expect(JSON.stringify(server)).not.toContain('secret-pass');
	});

	it("anchors and escapes a name for Nova's regular-expression filter", () => {
		expect(exactNameFilter('web-1.example (a)')).toBe('^web-1\\.example \\(a\\)$');
	});

	it('adds the API version to an unversioned endpoint only', () => {
		expect(withApiVersion('http://h:9696', 'v2.0')).toBe('http://h:9696/v2.0');
		expect(withApiVersion('https://api.example/network/v2.0', 'v2.0')).toBe(
			'https://api.example/network/v2.0',
		);
		expect(withApiVersion('http://h:9292', undefined)).toBe('http://h:9292');
	});
});
