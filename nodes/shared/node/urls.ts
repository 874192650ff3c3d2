import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getInteger } from './parameters';

/** How long a provider lets a signed (or temporary, or SAS) URL live, and who checks it. */
export interface UrlExpiry {
	/** The longest lifetime, in seconds. */
	max: number;
	/** The range as the parameter's help says it, e.g. "from 1 second to 7 days (604800)". */
	help: string;
	/**
	 * How the node refuses a lifetime outside 1 to `max`: by its bounds ("is above the maximum
	 * of …"), or as "… is outside <range in words>"; without it the driver checks, by its
	 * provider's rule (Azure's depends on the credential).
	 */
	check?: 'bounds' | { outside: string };
}

/** The Method (GET or PUT) and Expires In (Seconds) parameters of a URL to share an object. */
export function urlParameters(expiry: UrlExpiry, methodHelp: string): INodeProperties[] {
	return [
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'GET (Download)', value: 'GET' },
				{ name: 'PUT (Upload)', value: 'PUT' },
			],
			default: 'GET',
			description: methodHelp,
		},
		expiresInParameter(expiry),
	];
}

/** The Expires In (Seconds) parameter. */
export function expiresInParameter(expiry: UrlExpiry): INodeProperties {
	return {
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: expiry.max },
		default: 3600,
		description: `How long the URL stays valid, ${expiry.help}`,
	};
}

/** The item's Expires In (Seconds): a number (also as text from an expression), checked as `expiry` says. */
export function getExpiresIn(ctx: IExecuteFunctions, itemIndex: number, expiry: UrlExpiry): number {
	if (expiry.check === undefined) {
		const raw = ctx.getNodeParameter('expiresIn', itemIndex, 3600) as unknown;
		const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		return (typeof number === 'number' && !Number.isNaN(number) ? number : raw) as number;
	}
	return getInteger(ctx, 'expiresIn', itemIndex, {
		min: 1,
		max: expiry.max,
		fallback: 3600,
		range: expiry.check === 'bounds' ? undefined : expiry.check.outside,
	});
}
