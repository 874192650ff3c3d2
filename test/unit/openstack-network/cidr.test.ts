import { cidrContains, parseCidr, type Cidr } from '../../../nodes/shared/openstack/resources/cidr';

describe('CIDRs as Neutron accepts them', () => {
	it.each([
		['10.0.0.0/24', { version: 4, network: '10.0.0.0', prefix: 24 }],
		['0.0.0.0/0', { version: 4, network: '0.0.0.0', prefix: 0 }],
		['192.168.1.7/32', { version: 4, network: '192.168.1.7', prefix: 32 }],
		['2001:db8::/64', { version: 6, network: '2001:db8::', prefix: 64 }],
		['::/0', { version: 6, network: '::', prefix: 0 }],
		['fd00:1:2:3::/64', { version: 6, network: 'fd00:1:2:3::', prefix: 64 }],
	])('accepts %s', (text, expected) => {
		expect(parseCidr(text)).toEqual(expected);
	});

	it.each([
		['10.0.0.5/24', '"10.0.0.5/24" has host bits set: the network is 10.0.0.0/24'],
		['10.0.0.0/33', 'the prefix length /33 is above /32 for IPv4'],
		[
			'10.0.0.0',
			'"10.0.0.0" is not a CIDR (an address, "/" and a prefix length, e.g. 10.0.0.0/24)',
		],
		['10.0.300.0/24', '"10.0.300.0" is not an IPv4 or IPv6 address'],
		['2001:db8::1/64', '"2001:db8::1/64" has host bits set: the network is 2001:db8::/64'],
		['2001:db8::/129', 'the prefix length /129 is above /128 for IPv6'],
		['banana/8', '"banana" is not an IPv4 or IPv6 address'],
	])('refuses %s', (text, problem) => {
		expect(parseCidr(text)).toBe(problem);
	});

	it('tells whether an address lies inside', () => {
		const v4 = parseCidr('10.1.0.0/16') as Cidr;
		expect(cidrContains(v4, '10.1.255.1')).toBe(true);
		expect(cidrContains(v4, '10.2.0.1')).toBe(false);
		expect(cidrContains(v4, '2001:db8::1')).toBe(false);
		const v6 = parseCidr('2001:db8:0:1::/64') as Cidr;
		expect(cidrContains(v6, '2001:db8:0:1::ff')).toBe(true);
		expect(cidrContains(v6, '2001:db8:0:2::1')).toBe(false);
		expect(cidrContains(v6, '::ffff:10.1.0.1')).toBe(false);
	});
});
