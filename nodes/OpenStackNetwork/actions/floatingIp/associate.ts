import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { serverFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { serverLocator } from '../../../shared/openstack/resources/locators';
import { serverPorts } from '../../../shared/openstack/resources/network';
import { optionsCollection, forOperation, showFor } from '../common';
import { findFloatingIp, floatingIpParameter, setPort } from './shared';

export const description = forOperation(showFor('floatingIp', 'associate'), [
	floatingIpParameter,
	serverLocator({ description: 'The server whose port gets the floating IP' }),
	optionsCollection([
		{
			displayName: 'Fixed IP Address',
			name: 'fixedIpAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10.0.0.12',
			description:
				"Which of the server's addresses to map to (needed when it has several); empty for its only one",
		},
	]),
]);

interface Port extends IDataObject {
	id: string;
	fixed_ips?: Array<{ ip_address: string; subnet_id: string }>;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const floatingIp = await findFloatingIp(this, itemIndex);
	const server = await findFromParameter(this, itemIndex, 'server', 'Server', serverFinder);
	const wanted = String(
		(this.getNodeParameter('options', itemIndex, {}) as IDataObject).fixedIpAddress ?? '',
	).trim();
	const ports = (await serverPorts(this, server.id)) as Port[];
	const candidates = ports.flatMap((port) =>
		(port.fixed_ips ?? [])
			.filter((fixed) => !fixed.ip_address.includes(':'))
			.map((fixed) => ({ port, address: fixed.ip_address })),
	);
	if (candidates.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Server "${server.name}" has no IPv4 port to map a floating IP to`,
			{ itemIndex, description: 'Attach it to a network with an IPv4 subnet first.' },
		);
	}
	let target = candidates[0];
	if (wanted) {
		const match = candidates.find((candidate) => candidate.address === wanted);
		if (!match)
			throw parameterError(
				this.getNode(),
				'Fixed IP Address',
				`server "${server.name}" has no address ${wanted} (its addresses: ${candidates.map((c) => c.address).join(', ')})`,
				itemIndex,
			);
		target = match;
	} else if (candidates.length > 1) {
		throw parameterError(
			this.getNode(),
			'Fixed IP Address',
			`server "${server.name}" has several addresses (${candidates.map((c) => c.address).join(', ')}): choose one`,
			itemIndex,
		);
	}
	const associated = await setPort(this, floatingIp.id, {
		port_id: target.port.id,
		fixed_ip_address: target.address,
	});
	return { ...associated, serverId: server.id, serverName: server.name };
}
