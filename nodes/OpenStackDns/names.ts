/**
 * DNS names as Designate wants them: fully qualified, ending with a dot. Names typed without
 * the trailing dot are completed (and record set names relative to their zone), and checked
 * with Designate's own rules (designate/objects/fields.py) so a bad name is refused before
 * anything is sent. Each check reports a problem through `fail`, which the operation turns
 * into an error naming its parameter (inputs.ts `checked`).
 */

/** Reports what is wrong with an input, in words that do not name the parameter; never returns. */
export type Fail = (problem: string) => never;

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/** `name` with its trailing dot; empty labels ("a..b") refused. */
function withDot(name: string, fail: Fail): string {
	const value = name.trim();
	if (value === '' || value === '.') fail('it must not be empty');
	return value.endsWith('.') ? value : `${value}.`;
}

/** Checks every label of a fully-qualified name (ending with a dot). */
function checkLabels(fqdn: string, what: string, fail: Fail, allowWildcard = false): void {
	if (fqdn.length > 254) fail(`${what} "${fqdn}" is longer than 253 characters`);
	const labels = fqdn.slice(0, -1).split('.');
	labels.forEach((label, index) => {
		if (label === '') fail(`${what} "${fqdn}" has an empty label`);
		if (allowWildcard && index === 0 && label === '*') return;
		if (label.length > 63) fail(`${what} "${fqdn}" has a label longer than 63 characters`);
		if (!LABEL.test(label)) {
			fail(
				`${what} "${fqdn}" has an invalid label "${label}" (letters, digits, "-" and "_"; no "-" at either end)`,
			);
		}
	});
}

/** A host name (CNAME, MX, NS, PTR, SRV targets) as Designate stores it: with its trailing dot. */
export function completeHostName(raw: string, fail: Fail, what = 'the host name'): string {
	const fqdn = withDot(raw, fail);
	checkLabels(fqdn, what, fail);
	return fqdn;
}

/** A zone name: at least two labels (Designate: "More than one label is required"), trailing dot added. */
export function completeZoneName(raw: string, fail: Fail): string {
	const fqdn = withDot(raw, fail);
	checkLabels(fqdn, 'the zone name', fail);
	if (fqdn.split('.').length < 3) {
		fail(
			`"${raw.trim()}" is not a fully-qualified domain name: a zone needs at least two labels, e.g. example.com.`,
		);
	}
	return fqdn.toLowerCase();
}

/**
 * A record set's full name in `zone` ("example.com."): "@" or the zone's own name is the apex,
 * a name ending with a dot is taken as it is, a name without one that already ends with the
 * zone's name gets the dot, and any other name is relative to the zone ("www" → www.example.com.).
 */
export function completeRecordName(raw: string, zone: string, fail: Fail, type?: string): string {
	const value = raw.trim();
	const zoneName = zone.toLowerCase();
	const bareZone = zoneName.slice(0, -1);
	let fqdn: string;
	if (value === '' || value === '@') fqdn = zoneName;
	else if (value.endsWith('.')) fqdn = value;
	else if (value.toLowerCase() === bareZone || value.toLowerCase().endsWith(`.${bareZone}`))
		fqdn = `${value}.`;
	else fqdn = `${value}.${zoneName}`;
	checkLabels(fqdn, 'the name', fail, true);
	const lower = fqdn.toLowerCase();
	if (lower !== zoneName && !lower.endsWith(`.${zoneName}`)) {
		fail(`"${fqdn}" is not in the zone ${zoneName}`);
	}
	if (type === 'SRV' && !/^_[A-Za-z0-9-]+\._[A-Za-z0-9-]+\./.test(fqdn)) {
		fail(
			`an SRV record set's name starts with _service._protocol, e.g. _sip._tcp.${zoneName} (got "${fqdn}")`,
		);
	}
	if (type === 'CNAME' && lower === zoneName) {
		fail(`a CNAME cannot be at the zone's own name (${zoneName})`);
	}
	return fqdn;
}

/** An e-mail address Designate accepts for a zone's SOA record (its check: one "@", then DNS labels). */
export function checkZoneEmail(raw: string, fail: Fail): string {
	const email = raw.trim();
	if (email === '') fail('it must not be empty');
	if (email.split('@').length !== 2) fail(`"${email}" is not an e-mail address`);
	checkLabels(`${email.replace('@', '.')}.`, 'the e-mail address', () =>
		fail(
			`"${email}" is not an e-mail address Designate accepts (letters, digits, ".", "-" and "_" before and after the "@")`,
		),
	);
	return email;
}

/** A name filter: wildcards ("*") are passed as they are, other names completed like record set names. */
export function nameFilter(raw: string, fail: Fail, zone?: string): string {
	const value = raw.trim();
	if (value.includes('*')) return value;
	return zone ? completeRecordName(value, zone, fail) : withDot(value, fail);
}
