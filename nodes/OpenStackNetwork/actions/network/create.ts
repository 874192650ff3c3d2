import { isIP } from 'net';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import { cidrContains, parseCidr, type Cidr } from '../../../shared/openstack/resources/cidr';
import { withRollback } from '../../../shared/openstack/resources/errors';
import { optionsCollection, forOperation, serviceRequest, showFor, tidy } from '../common';
import { requiredName } from '../../../shared/openstack/resources/parameters';

export const description = forOperation(showFor('network', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. app-network',
	},
	{
		displayName: 'Create Subnet',
		name: 'createSubnet',
		type: 'boolean',
		default: true,
		description: 'Whether to give the network a subnet (servers need one to get an address)',
	},
	{
		displayName: 'CIDR',
		name: 'cidr',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 10.0.0.0/24',
		description: 'The address range of the subnet (IPv4 or IPv6)',
		displayOptions: { show: { createSubnet: [true] } },
	},
	{
		displayName: 'Gateway IP',
		name: 'gatewayIp',
		type: 'string',
		default: '',
		placeholder: 'e.g. 10.0.0.1',
		description: 'Empty for the first address of the range; "none" for no gateway',
		displayOptions: { show: { createSubnet: [true] } },
	},
	{
		displayName: 'Enable DHCP',
		name: 'enableDhcp',
		type: 'boolean',
		default: true,
		description: 'Whether servers get their address by DHCP',
		displayOptions: { show: { createSubnet: [true] } },
	},
	optionsCollection([
		{
			displayName: 'Admin State Up',
			name: 'adminStateUp',
			type: 'boolean',
			default: true,
			description: 'Whether the network forwards traffic',
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'DNS Nameservers',
			name: 'dnsNameservers',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1.1.1.1, 9.9.9.9',
			description: 'For the subnet, separated by commas',
		},
		{
			displayName: 'MTU',
			name: 'mtu',
			type: 'number',
			typeOptions: { minValue: 68 },
			default: 1500,
		},
		{
			displayName: 'Subnet Name',
			name: 'subnetName',
			type: 'string',
			default: '',
			description: 'Empty for the name of the network',
		},
	]),
]);

interface Options {
	adminStateUp?: boolean;
	description?: string;
	dnsNameservers?: string;
	mtu?: number;
	subnetName?: string;
}

/** The subnet to create, checked before the network is: a bad CIDR creates nothing. */
function subnetBody(ctx: IExecuteFunctions, itemIndex: number, name: string, options: Options) {
	const raw = String(ctx.getNodeParameter('cidr', itemIndex, '')).trim();
	const parsed = parseCidr(raw);
	if (typeof parsed === 'string') throw parameterError(ctx.getNode(), 'CIDR', parsed, itemIndex);
	const cidr: Cidr = parsed;
	const body: IDataObject = {
		name: options.subnetName?.trim() || name,
		cidr: raw,
		ip_version: cidr.version,
		enable_dhcp: ctx.getNodeParameter('enableDhcp', itemIndex, true) as boolean,
	};
	const gateway = String(ctx.getNodeParameter('gatewayIp', itemIndex, '')).trim();
	if (gateway.toLowerCase() === 'none') body.gateway_ip = null;
	else if (gateway) {
		if (!cidrContains(cidr, gateway))
			throw parameterError(
				ctx.getNode(),
				'Gateway IP',
				`"${gateway}" is not an address inside ${raw}`,
				itemIndex,
			);
		body.gateway_ip = gateway;
	}
	const nameservers = String(options.dnsNameservers ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	for (const server of nameservers) {
		if (!isIP(server))
			throw parameterError(
				ctx.getNode(),
				'DNS Nameservers',
				`"${server}" is not an IP address`,
				itemIndex,
			);
	}
	if (nameservers.length > 0) body.dns_nameservers = nameservers;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = requiredName(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const withSubnet = this.getNodeParameter('createSubnet', itemIndex, true) as boolean;
	const subnet = withSubnet ? subnetBody(this, itemIndex, name, options) : undefined;
	const network: IDataObject = { name };
	if (options.description) network.description = options.description;
	if (options.adminStateUp === false) network.admin_state_up = false;
	if (options.mtu !== undefined)
		network.mtu = getInteger(this, 'options.mtu', itemIndex, { min: 68, label: 'MTU' });

	const { network: created } = await serviceRequest<{ network: IDataObject & { id: string } }>(
		this,
		'network',
		{ method: 'POST', path: '/networks', body: { network } },
	);
	if (!subnet) return { ...tidy(created), subnet: null };
	const { subnet: made } = await withRollback(
		async () =>
			await serviceRequest<{ subnet: IDataObject }>(this, 'network', {
				method: 'POST',
				path: '/subnets',
				body: { subnet: { ...subnet, network_id: created.id } },
			}),
		// A network whose subnet Neutron refused is removed again: the operation made nothing.
		async () =>
			await serviceRequest(this, 'network', {
				method: 'DELETE',
				path: `/networks/${encodeURIComponent(created.id)}`,
			}),
	);
	return { ...tidy(created), subnets: [made.id], subnet: tidy(made) };
}
