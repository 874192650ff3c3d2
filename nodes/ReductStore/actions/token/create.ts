import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { invalid, parseList } from '../../validation';
import { forOperation, showFor } from '../common';
import { getTokenName, tokenName, tokenPath } from './common';

export const description = forOperation(showFor('token', 'create'), [
	tokenName,
	{
		displayName: 'Full Access',
		name: 'fullAccess',
		type: 'boolean',
		default: false,
		description:
			'Whether the token may do everything, including managing buckets, tokens and replications',
	},
	{
		displayName: 'Read Buckets',
		name: 'read',
		type: 'string',
		default: '',
		placeholder: 'e.g. sensors, cameras-*',
		description: 'Comma-separated buckets the token may read; a trailing * matches a prefix',
		displayOptions: { show: { fullAccess: [false] } },
	},
	{
		displayName: 'Write Buckets',
		name: 'write',
		type: 'string',
		default: '',
		placeholder: 'e.g. sensors',
		description: 'Comma-separated buckets the token may write; a trailing * matches a prefix',
		displayOptions: { show: { fullAccess: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When the token stops working',
			},
			{
				displayName: 'Inactivity TTL (Seconds)',
				name: 'ttl',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 86400,
				description: 'The token expires when it has not been used for this long',
			},
			{
				displayName: 'IP Allowlist',
				name: 'ipAllowlist',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10.0.0.0/8, 192.168.1.20',
				description: 'Comma-separated client IPs or CIDR ranges the token may be used from',
			},
		],
	},
]);

/** Bucket names, or prefixes ending with "*" ("*" alone: every bucket). */
function bucketList(ctx: IExecuteFunctions, parameter: string, itemIndex: number): string[] {
	const buckets = parseList(ctx.getNodeParameter(parameter, itemIndex, ''));
	for (const bucket of buckets) {
		if (!/^[A-Za-z0-9_-]*\*?$/.test(bucket)) {
			throw invalid(
				ctx.getNode(),
				parameter,
				`"${bucket}" is not a bucket name (letters, digits, "-" and "_") or a prefix ending with "*"`,
				itemIndex,
			);
		}
	}
	return buckets;
}

/**
 * POST /tokens/:name with its permissions. The answer carries the token's secret value: it is
 * shown this once (the server never returns it again), so it is part of the output item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getTokenName(this, itemIndex);
	const fullAccess = this.getNodeParameter('fullAccess', itemIndex, false) as boolean;
	const permissions = {
		full_access: fullAccess,
		read: fullAccess ? [] : bucketList(this, 'read', itemIndex),
		write: fullAccess ? [] : bucketList(this, 'write', itemIndex),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { permissions };
	if (options.expiresAt) {
		const at = new Date(String(options.expiresAt));
		if (Number.isNaN(at.getTime()))
			throw invalid(
				this.getNode(),
				'expiresAt',
				`"${String(options.expiresAt)}" is not a date`,
				itemIndex,
			);
		if (at.getTime() <= Date.now())
			throw invalid(this.getNode(), 'expiresAt', 'it is in the past', itemIndex);
		body.expires_at = at.toISOString();
	}
	if (options.ttl !== undefined && options.ttl !== '') {
		const ttl = Number(options.ttl);
		if (!Number.isSafeInteger(ttl) || ttl <= 0)
			throw invalid(
				this.getNode(),
				'ttl',
				`"${String(options.ttl)}" is not a positive whole number`,
				itemIndex,
			);
		body.ttl = ttl;
	}
	const ipAllowlist = parseList(options.ipAllowlist);
	if (ipAllowlist.length > 0) body.ip_allowlist = ipAllowlist;
	const result = await reductRequest<{ value: string; created_at?: string }>(this, {
		method: 'POST',
		path: tokenPath(name),
		body,
	});
	return { name, value: result.value, createdAt: result.created_at, permissions };
}
