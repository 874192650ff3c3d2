import {
	normaliseRecord,
	normaliseRecords,
	type RecordType,
} from '../../../nodes/OpenStackDns/records';

const fail = (problem: string): never => {
	throw new Error(problem);
};
const ok = (type: RecordType, data: string) => normaliseRecord(type, data, fail);
const bad = (type: RecordType, data: string) => () => normaliseRecord(type, data, fail);

describe('record data checked per type and written as Designate stores it', () => {
	it('A and AAAA', () => {
		expect(ok('A', ' 192.0.2.10 ')).toBe('192.0.2.10');
		expect(bad('A', 'not-an-ip')).toThrow(
			'"not-an-ip" is not a valid A record: it is not an IPv4 address (e.g. 192.0.2.10)',
		);
		expect(bad('A', '192.0.2.256')).toThrow(/not a valid A record/);
		expect(bad('A', '2001:db8::1')).toThrow(/not a valid A record/);
		expect(ok('AAAA', '2001:DB8::1')).toBe('2001:db8::1');
		expect(bad('AAAA', '192.0.2.1')).toThrow(/not a valid AAAA record/);
		expect(bad('AAAA', 'fe80::1%eth0')).toThrow(/not a valid AAAA record/);
	});

	it('CNAME, NS and PTR: host names with their trailing dot', () => {
		expect(ok('CNAME', 'web.example.net')).toBe('web.example.net.');
		expect(ok('NS', 'ns1.example.net.')).toBe('ns1.example.net.');
		expect(ok('PTR', 'host.example.com')).toBe('host.example.com.');
		expect(bad('CNAME', 'http://web.example.net')).toThrow(/is not a valid CNAME record/);
		expect(bad('PTR', '192.0.2.1 host')).toThrow(/is not a valid PTR record/);
	});

	it('MX and SRV: numbers from 0 to 65535 and a host', () => {
		expect(ok('MX', '010   mail.example.com')).toBe('10 mail.example.com.');
		expect(bad('MX', 'mail.example.com')).toThrow(/give a priority and a mail host/);
		expect(bad('MX', '-1 mail.example.com')).toThrow(
			/the priority must be a whole number from 0 to 65535/,
		);
		expect(bad('MX', '65536 mail.example.com')).toThrow(/the priority must be a whole number/);
		expect(ok('SRV', '10 5 5060 sip.example.com')).toBe('10 5 5060 sip.example.com.');
		expect(bad('SRV', '10 5 sip.example.com')).toThrow(/give priority, weight, port and target/);
		expect(bad('SRV', '10 5 70000 sip.example.com')).toThrow(/the port must be a whole number/);
		expect(bad('SRV', '10 x 5060 sip.example.com')).toThrow(/the weight must be a whole number/);
	});

	it('TXT: quoted where DNS needs it, split into strings of at most 253 characters', () => {
		expect(ok('TXT', 'v=spf1')).toBe('v=spf1');
		expect(ok('TXT', 'v=spf1 -all')).toBe('"v=spf1 -all"');
		expect(ok('TXT', 'say "hi"')).toBe('"say \\"hi\\""');
		expect(ok('TXT', 'back\\slash')).toBe('"back\\\\slash"');
		expect(ok('TXT', '"already quoted"')).toBe('"already quoted"');
		const long = 'k'.repeat(600);
		const split = ok('TXT', long);
		expect(split).toBe(`"${'k'.repeat(253)}" "${'k'.repeat(253)}" "${'k'.repeat(94)}"`);
		expect(ok('TXT', `"${'a'.repeat(200)}" "${'b'.repeat(100)}"`)).toBe(
			`"${'a'.repeat(200)}" "${'b'.repeat(100)}"`,
		);
		expect(bad('TXT', '"unclosed')).toThrow(/quoted text must close its quotes/);
		expect(bad('TXT', '"a" "b"')).toThrow(/join them into one/);
		expect(bad('TXT', `"${'a'.repeat(300)}"`)).toThrow(
			/each quoted string holds at most 253 characters/,
		);
		expect(bad('TXT', 'two\nlines')).toThrow(/must not contain a line break/);
	});

	it('CAA: flags 0 or 1, issue / issuewild with a CA domain, iodef with a mail or web address', () => {
		expect(ok('CAA', '0 issue "letsencrypt.org"')).toBe('0 issue letsencrypt.org');
		expect(ok('CAA', '0 ISSUEWILD letsencrypt.org;validationmethods=dns-01')).toBe(
			'0 issuewild letsencrypt.org; validationmethods=dns-01',
		);
		expect(ok('CAA', '1 iodef mailto:security@example.com')).toBe(
			'1 iodef mailto:security@example.com',
		);
		expect(ok('CAA', '0 iodef https://example.com/report')).toBe(
			'0 iodef https://example.com/report',
		);
		expect(bad('CAA', '128 issue letsencrypt.org')).toThrow(/the flags must be 0 or 1/);
		expect(bad('CAA', '0 issue ;')).toThrow(/"issue" needs the domain of a CA/);
		expect(bad('CAA', '0 iodef https://example.com')).toThrow(/an http\(s\) URL with a path/);
		expect(bad('CAA', '0 tbs x')).toThrow(/the tag must be issue, issuewild or iodef/);
		expect(bad('CAA', '0 issue letsencrypt.org; bad')).toThrow(
			/"bad" is not a key=value parameter/,
		);
	});

	it('a record set: duplicates dropped, at least one record, one for a CNAME', () => {
		expect(normaliseRecords('A', ['192.0.2.1', '192.0.2.1 ', '192.0.2.2'], fail)).toEqual([
			'192.0.2.1',
			'192.0.2.2',
		]);
		expect(normaliseRecords('CNAME', ['a.example.com', 'A.example.com.'], fail)).toEqual([
			'a.example.com.',
		]);
		expect(() => normaliseRecords('A', [], fail)).toThrow('give at least one record');
		expect(() => normaliseRecords('CNAME', ['a.example.com', 'b.example.com'], fail)).toThrow(
			'a CNAME record set holds one record (got 2)',
		);
		expect(() => normaliseRecords('A', [' '], fail)).toThrow('a record is empty');
	});
});
