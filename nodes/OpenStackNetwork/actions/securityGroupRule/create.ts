import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import { parseCidr } from '../../../shared/openstack/resources/cidr';
import { findFromParameter, findResource } from '../../../shared/openstack/resources/lookup';
import { securityGroupLocator } from '../../../shared/openstack/resources/locators';
import { securityGroupFinder } from '../../../shared/openstack/resources/network';
import { optionsCollection, forOperation, serviceRequest, showFor, tidy } from '../common';

const WITH_PORTS = ['tcp', 'udp'];
const ICMP = ['icmp', 'ipv6-icmp'];

export const description = forOperation(showFor('securityGroupRule', 'create'), [
	securityGroupLocator({ description: 'The security group to add the rule to' }),
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Ingress (Incoming)', value: 'ingress' },
			{ name: 'Egress (Outgoing)', value: 'egress' },
		],
		default: 'ingress',
	},
	{
		displayName: 'Protocol',
		name: 'protocol',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'ICMP', value: 'icmp' },
			{ name: 'ICMPv6', value: 'ipv6-icmp' },
			{ name: 'Other (by Number)', value: 'number' },
			{ name: 'TCP', value: 'tcp' },
			{ name: 'UDP', value: 'udp' },
		],
		default: 'tcp',
	},
	{
		displayName: 'Port Range',
		name: 'portRange',
		type: 'string',
		default: '22',
		placeholder: 'e.g. 22 or 8000-8080',
		description: 'One port or a range "first-last" (1–65535); empty for every port',
		displayOptions: { show: { protocol: WITH_PORTS } },
	},
	{
		displayName: 'ICMP Type',
		name: 'icmpType',
		type: 'number',
		typeOptions: { minValue: -1, maxValue: 255 },
		default: -1,
		description: 'The ICMP type (e.g. 8 for echo request); -1 for any',
		displayOptions: { show: { protocol: ICMP } },
	},
	{
		displayName: 'ICMP Code',
		name: 'icmpCode',
		type: 'number',
		typeOptions: { minValue: -1, maxValue: 255 },
		default: -1,
		description: 'The ICMP code; -1 for any',
		displayOptions: { show: { protocol: ICMP } },
	},
	{
		displayName: 'Protocol Number',
		name: 'protocolNumber',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 255 },
		default: 47,
		description: 'The IP protocol number (e.g. 47 for GRE)',
		displayOptions: { show: { protocol: ['number'] } },
	},
	{
		displayName: 'Remote',
		name: 'remote',
		type: 'options',
		options: [
			{ name: 'Any Address', value: 'any' },
			{ name: 'CIDR', value: 'cidr', description: 'An address range' },
			{
				name: 'Security Group',
				value: 'securityGroup',
				description: 'The servers of another (or the same) security group',
			},
		],
		default: 'cidr',
	},
	{
		displayName: 'Remote CIDR',
		name: 'remoteCidr',
		type: 'string',
		default: '0.0.0.0/0',
		placeholder: 'e.g. 203.0.113.0/24',
		displayOptions: { show: { remote: ['cidr'] } },
	},
	{
		displayName: 'Remote Security Group',
		name: 'remoteSecurityGroup',
		type: 'string',
		default: '',
		placeholder: 'e.g. web-servers',
		description: 'The other security group, by name or ID',
		displayOptions: { show: { remote: ['securityGroup'] } },
	},
	optionsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'IP Version',
			name: 'etherType',
			type: 'options',
			options: [
				{ name: 'IPv4', value: 'IPv4' },
				{ name: 'IPv6', value: 'IPv6' },
			],
			default: 'IPv4',
			description: 'For a remote other than a CIDR (a CIDR gives its own version)',
		},
	]),
]);

/** "22" or "8000-8080" → [min, max]; empty → undefined (every port). */
export function parsePortRange(text: string): [number, number] | undefined | string {
	const value = text.trim();
	if (!value) return undefined;
	const match = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(value);
	if (!match) return `"${value}" is not a port or a range like 8000-8080`;
	const first = Number(match[1]);
	const last = match[2] === undefined ? first : Number(match[2]);
	for (const port of [first, last])
		if (port < 1 || port > 65535) return `${port} is outside the ports 1–65535`;
	if (first > last) return `"${value}" starts above its end`;
	return [first, last];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const protocol = this.getNodeParameter('protocol', itemIndex, 'tcp') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rule: IDataObject = {
		direction: this.getNodeParameter('direction', itemIndex, 'ingress'),
		ethertype: options.etherType === 'IPv6' ? 'IPv6' : 'IPv4',
	};
	if (options.description) rule.description = options.description;
	if (protocol === 'number') {
		rule.protocol = String(
			getInteger(this, 'protocolNumber', itemIndex, {
				min: 0,
				max: 255,
				label: 'Protocol Number',
			}),
		);
	} else if (protocol !== 'any') {
		rule.protocol = protocol;
	}
	if (WITH_PORTS.includes(protocol)) {
		const range = parsePortRange(String(this.getNodeParameter('portRange', itemIndex, '')));
		if (typeof range === 'string') throw parameterError(node, 'Port Range', range, itemIndex);
		if (range) [rule.port_range_min, rule.port_range_max] = range;
	}
	if (ICMP.includes(protocol)) {
		const type = getInteger(this, 'icmpType', itemIndex, {
			min: -1,
			max: 255,
			fallback: -1,
			label: 'ICMP Type',
		});
		const code = getInteger(this, 'icmpCode', itemIndex, {
			min: -1,
			max: 255,
			fallback: -1,
			label: 'ICMP Code',
		});
		if (code >= 0 && type < 0)
			throw parameterError(node, 'ICMP Code', 'give an ICMP Type with a code', itemIndex);
		// Neutron keeps the ICMP type and code in the port range fields.
		if (type >= 0) rule.port_range_min = type;
		if (code >= 0) rule.port_range_max = code;
		if (protocol === 'ipv6-icmp') rule.ethertype = 'IPv6';
	}
	const remote = this.getNodeParameter('remote', itemIndex, 'cidr') as string;
	if (remote === 'cidr') {
		const text = String(this.getNodeParameter('remoteCidr', itemIndex, '')).trim();
		const cidr = parseCidr(text);
		if (typeof cidr === 'string') throw parameterError(node, 'Remote CIDR', cidr, itemIndex);
		if (protocol === 'ipv6-icmp' && cidr.version === 4)
			throw parameterError(node, 'Remote CIDR', 'ICMPv6 needs an IPv6 range', itemIndex);
		rule.remote_ip_prefix = text;
		rule.ethertype = cidr.version === 6 ? 'IPv6' : 'IPv4';
	} else if (remote === 'securityGroup') {
		const value = String(this.getNodeParameter('remoteSecurityGroup', itemIndex, '')).trim();
		rule.remote_group_id = (
			await findResource(this, itemIndex, 'Remote Security Group', securityGroupFinder, value)
		).id;
	}
	const group = await findFromParameter(
		this,
		itemIndex,
		'securityGroup',
		'Security Group',
		securityGroupFinder,
	);
	rule.security_group_id = group.id;
	const { security_group_rule: created } = await serviceRequest<{
		security_group_rule: IDataObject;
	}>(this, 'network', {
		method: 'POST',
		path: '/security-group-rules',
		body: { security_group_rule: rule },
	});
	return { ...tidy(created), securityGroupName: group.name };
}
