import { parsePortRange } from '../../../nodes/OpenStackNetwork/actions/securityGroupRule/create';

describe('security group rule port ranges', () => {
	it.each([
		['22', [22, 22]],
		['8000-8080', [8000, 8080]],
		[' 1 - 65535 ', [1, 65535]],
		['', undefined],
	])('reads %j', (text, expected) => {
		expect(parsePortRange(text)).toEqual(expected);
	});

	it.each([
		['0', '0 is outside the ports 1–65535'],
		['65536', '65536 is outside the ports 1–65535'],
		['443-80', '"443-80" starts above its end'],
		['http', '"http" is not a port or a range like 8000-8080'],
		['22,80', '"22,80" is not a port or a range like 8000-8080'],
	])('refuses %j', (text, problem) => {
		expect(parsePortRange(text)).toBe(problem);
	});
});
