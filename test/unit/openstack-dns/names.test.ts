import {
	checkZoneEmail,
	completeHostName,
	completeRecordName,
	completeZoneName,
	nameFilter,
} from '../../../nodes/OpenStackDns/names';

const fail = (problem: string): never => {
	throw new Error(problem);
};

describe('DNS names completed with their trailing dot and checked like Designate does', () => {
	it('completes zone names, lower-cased, and refuses names that are not fully qualified', () => {
		expect(completeZoneName('Example.COM', fail)).toBe('example.com.');
		expect(completeZoneName(' example.com. ', fail)).toBe('example.com.');
		expect(() => completeZoneName('localhost', fail)).toThrow(
			'"localhost" is not a fully-qualified domain name: a zone needs at least two labels, e.g. example.com.',
		);
		expect(() => completeZoneName('', fail)).toThrow('it must not be empty');
		expect(() => completeZoneName('a..example.com', fail)).toThrow(
			'the zone name "a..example.com." has an empty label',
		);
		expect(() => completeZoneName('-bad.example.com', fail)).toThrow(/has an invalid label "-bad"/);
		expect(() => completeZoneName(`${'a'.repeat(64)}.com`, fail)).toThrow(
			/has a label longer than 63 characters/,
		);
		expect(() => completeZoneName(`${'abcdefghi.'.repeat(26)}com`, fail)).toThrow(
			/is longer than 253 characters/,
		);
		expect(() => completeZoneName('*.example.com', fail)).toThrow(/invalid label "\*"/);
	});

	it('completes record set names relative to their zone', () => {
		const zone = 'example.com.';
		expect(completeRecordName('www', zone, fail)).toBe('www.example.com.');
		expect(completeRecordName('www.example.com', zone, fail)).toBe('www.example.com.');
		expect(completeRecordName('WWW.Example.com.', zone, fail)).toBe('WWW.Example.com.');
		expect(completeRecordName('@', zone, fail)).toBe('example.com.');
		expect(completeRecordName('example.com', zone, fail)).toBe('example.com.');
		expect(completeRecordName('*', zone, fail)).toBe('*.example.com.');
		expect(completeRecordName('a.b', zone, fail)).toBe('a.b.example.com.');
		expect(() => completeRecordName('www.example.org.', zone, fail)).toThrow(
			'"www.example.org." is not in the zone example.com.',
		);
		expect(() => completeRecordName('notexample.com.', zone, fail)).toThrow(/is not in the zone/);
		expect(completeRecordName('_sip._tcp', zone, fail, 'SRV')).toBe('_sip._tcp.example.com.');
		expect(() => completeRecordName('sip', zone, fail, 'SRV')).toThrow(
			/an SRV record set's name starts with _service._protocol/,
		);
		expect(() => completeRecordName('@', zone, fail, 'CNAME')).toThrow(
			"a CNAME cannot be at the zone's own name (example.com.)",
		);
	});

	it('completes host names and checks e-mail addresses as Designate does', () => {
		expect(completeHostName('mail.example.com', fail)).toBe('mail.example.com.');
		expect(() => completeHostName('bad host', fail)).toThrow(/invalid label "bad host"/);
		expect(checkZoneEmail(' hostmaster@example.com ', fail)).toBe('hostmaster@example.com');
		expect(checkZoneEmail('first.last@example.com', fail)).toBe('first.last@example.com');
		expect(() => checkZoneEmail('nobody', fail)).toThrow('"nobody" is not an e-mail address');
		expect(() => checkZoneEmail('a@b@c.com', fail)).toThrow('"a@b@c.com" is not an e-mail address');
		expect(() => checkZoneEmail('dns+ops@example.com', fail)).toThrow(
			/is not an e-mail address Designate accepts/,
		);
	});

	it('passes wildcard filters as they are, completes the others', () => {
		expect(nameFilter('*web*', fail, 'example.com.')).toBe('*web*');
		expect(nameFilter('web', fail, 'example.com.')).toBe('web.example.com.');
		expect(nameFilter('example.org', fail)).toBe('example.org.');
	});
});
