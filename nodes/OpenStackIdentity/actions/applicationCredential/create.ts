import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { currentUserPath, forOperation, identityRequest, showFor } from '../common';
import { describeApplicationCredential, type KeystoneApplicationCredential } from './shared';

export const description = forOperation(showFor('applicationCredential', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. n8n-backups',
		description: "Unique among the user's application credentials",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'When the credential stops working; never when empty',
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'string',
				default: '',
				placeholder: 'e.g. member, reader',
				description:
					"Role names the credential gets on the project, separated by commas; empty for all of the current token's roles",
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'The secret to use; empty lets Keystone generate one (shown once, in the output)',
			},
			{
				displayName: 'Unrestricted',
				name: 'unrestricted',
				type: 'boolean',
				default: false,
				description:
					'Whether the credential may create further application credentials and trusts (Keystone advises against it)',
			},
		],
	},
]);

interface Options {
	description?: string;
	expiresAt?: string;
	roles?: string;
	secret?: string;
	unrestricted?: boolean;
}

/** An expiry in the future, as ISO 8601; anything else names the parameter. */
export function futureDate(
	ctx: IExecuteFunctions,
	value: string,
	itemIndex: number,
	label: string,
): string {
	const time = Date.parse(value);
	if (!Number.isFinite(time))
		throw parameterError(ctx.getNode(), label, `"${value}" is not a date`, itemIndex);
	if (time <= Date.now())
		throw parameterError(
			ctx.getNode(),
			label,
			`${new Date(time).toISOString()} is in the past`,
			itemIndex,
		);
	return new Date(time).toISOString();
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) throw parameterError(this.getNode(), 'Name', 'it must not be empty', itemIndex);
	if (name.length > 255)
		throw parameterError(this.getNode(), 'Name', 'it is longer than 255 characters', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const body: IDataObject = { name, unrestricted: options.unrestricted === true };
	if (options.description) body.description = options.description;
	if (options.secret) body.secret = options.secret;
	if (options.expiresAt)
		body.expires_at = futureDate(this, String(options.expiresAt), itemIndex, 'Expires At');
	const roles = String(options.roles ?? '')
		.split(',')
		.map((role) => role.trim())
		.filter(Boolean);
	if (roles.length > 0) body.roles = roles.map((role) => ({ name: role }));
	const { application_credential: created } = await identityRequest<{
		application_credential: KeystoneApplicationCredential;
	}>(this, {
		method: 'POST',
		path: `${await currentUserPath(this)}/application_credentials`,
		body: { application_credential: body },
	});
	return {
		...describeApplicationCredential(created),
		secret: created.secret,
		note: 'Keystone shows this secret once: store it now (e.g. in a Cloud Pack OpenStack API credential, authentication "Application Credential").',
	};
}
