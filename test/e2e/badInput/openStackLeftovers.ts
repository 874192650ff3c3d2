import type { IDataObject } from 'n8n-workflow';

import { openStackRequest, openStackSession } from '../../../nodes/shared/openstack/request';
import { credentialStore, openStackContext } from '../../helpers/openstack/context';
import { passwordCredential } from '../../helpers/openstack/servers';

/**
 * What the bad-input catalogue may have created in the local OpenStack, found by the run's tag
 * in its name (the member's project is shared with other tests, so it is never compared whole):
 * servers, key pairs, volumes, networks, security groups, zones, stacks, application credentials
 * and containers. Read through the pack's own shared request, as the member.
 */
export async function openStackLeftovers(tag: string): Promise<Record<string, string[]>> {
	const { ctx } = openStackContext(credentialStore(passwordCredential('member')));
	const session = await openStackSession(ctx);
	const get = async (service: string, path: string, apiVersion?: string, qs?: IDataObject) =>
		await openStackRequest<IDataObject>(ctx, { service, path, apiVersion, qs });
	const names = (list: unknown, key = 'name') =>
		(Array.isArray(list) ? (list as IDataObject[]) : [])
			.map((entry) => String(entry[key] ?? (entry.keypair as IDataObject | undefined)?.name ?? ''))
			.filter((name) => name.includes(tag));
	const found: Record<string, string[]> = {
		servers: names((await get('compute', '/servers', undefined, { limit: 1000 })).servers),
		keyPairs: names((await get('compute', '/os-keypairs')).keypairs),
		volumes: names((await get('block-storage', '/volumes', undefined, { limit: 1000 })).volumes),
		networks: names((await get('network', '/networks', 'v2.0')).networks),
		securityGroups: names((await get('network', '/security-groups', 'v2.0')).security_groups),
		zones: names((await get('dns', '/v2/zones', undefined, { limit: 1000 })).zones),
		stacks: names((await get('orchestration', '/stacks')).stacks, 'stack_name'),
		applicationCredentials: names(
			(await get('identity', `/users/${session.user.id}/application_credentials`))
				.application_credentials,
		),
		containers: names(
			await openStackRequest<unknown>(ctx, {
				service: 'object-store',
				path: '',
				qs: { format: 'json', prefix: tag },
			}),
		),
	};
	return Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0));
}
