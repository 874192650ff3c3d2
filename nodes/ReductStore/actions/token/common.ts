import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkPlainName } from '../../validation';

// the token's name, not its secret: shown in clear
export const tokenName: INodeProperties = {
	displayName: 'Token Name',
	name: 'tokenName',
	// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. camera-writer',
	description: 'The name of the token (not its secret value)',
};

export function getTokenName(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkPlainName(
		ctx.getNode(),
		ctx.getNodeParameter('tokenName', itemIndex),
		'tokenName',
		itemIndex,
	);
}

export function tokenPath(name: string): string {
	return `/tokens/${encodeURIComponent(name)}`;
}
