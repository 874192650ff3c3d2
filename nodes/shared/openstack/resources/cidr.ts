import { isIP } from 'net';

/**
 * IPv4 and IPv6 addresses and CIDRs as Neutron accepts them, checked before anything is sent:
 * a CIDR must name its network address ("10.0.0.0/24", not "10.0.0.5/24").
 */

export interface Cidr {
	version: 4 | 6;
	/** The network address as written canonically. */
	network: string;
	prefix: number;
}

function ipv4Bytes(address: string): number[] {
	return address.split('.').map(Number);
}

function ipv6Bytes(address: string): number[] {
	let text = address;
	const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	let tail: number[] = [];
	if (v4) {
		tail = ipv4Bytes(v4[1]);
		text = text.slice(0, -v4[1].length) + '0:0';
	}
	const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
	const left = head ? head.split(':') : [];
	const right = rest ? rest.split(':') : [];
	const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right].map(
		(group) => parseInt(group || '0', 16),
	);
	const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
	if (v4) bytes.splice(12, 4, ...tail);
	return bytes;
}

export function addressBytes(address: string): number[] | undefined {
	const version = isIP(address);
	if (version === 4) return ipv4Bytes(address);
	if (version === 6) return ipv6Bytes(address);
	return undefined;
}

function formatBytes(bytes: number[], version: 4 | 6): string {
	if (version === 4) return bytes.join('.');
	const groups: string[] = [];
	for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
	const joined = groups.join(':');
	// The longest run of zero groups becomes "::".
	const runs = [...joined.matchAll(/(^|:)0(:0)+(:|$)/g)].sort((a, b) => b[0].length - a[0].length);
	if (runs.length === 0) return joined;
	const run = runs[0];
	return `${joined.slice(0, run.index)}::${joined.slice(run.index! + run[0].length)}`;
}

function masked(bytes: number[], prefix: number): number[] {
	return bytes.map((byte, index) => {
		const bits = Math.max(0, Math.min(8, prefix - index * 8));
		return byte & ((0xff << (8 - bits)) & 0xff);
	});
}

/** The CIDR, or a sentence saying what is wrong with it. */
export function parseCidr(text: string): Cidr | string {
	const value = text.trim();
	const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
	if (!match)
		return `"${value}" is not a CIDR (an address, "/" and a prefix length, e.g. 10.0.0.0/24)`;
	const version = isIP(match[1]);
	if (version !== 4 && version !== 6) return `"${match[1]}" is not an IPv4 or IPv6 address`;
	const prefix = Number(match[2]);
	const max = version === 4 ? 32 : 128;
	if (prefix > max) return `the prefix length /${prefix} is above /${max} for IPv${version}`;
	const bytes = addressBytes(match[1])!;
	const network = masked(bytes, prefix);
	if (network.some((byte, index) => byte !== bytes[index])) {
		return `"${value}" has host bits set: the network is ${formatBytes(network, version)}/${prefix}`;
	}
	return { version, network: formatBytes(network, version), prefix };
}

/** Whether `address` lies inside `cidr`. */
export function cidrContains(cidr: Cidr, address: string): boolean {
	const bytes = addressBytes(address);
	if (!bytes || isIP(address) !== cidr.version) return false;
	const network = addressBytes(cidr.network)!;
	return masked(bytes, cidr.prefix).every((byte, index) => byte === network[index]);
}
