import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { onHttpStatus } from '../../../shared/openstack/resources/errors';
import type { NovaKeyPair } from '../../../shared/openstack/resources/compute';
import { forOperation, KEYPAIR_MICROVERSION, serviceRequest, showFor } from '../common';
import { describeKeyPair } from './describe';

export const description = forOperation(showFor('keyPair', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. my-laptop',
		description: 'Letters, digits, spaces, "-" and "_" (up to 255 characters)',
	},
	{
		displayName: 'Key Source',
		name: 'keySource',
		type: 'options',
		options: [
			{
				name: 'Import a Public Key',
				value: 'import',
				description: 'Register the public key of a pair you made (e.g. with ssh-keygen)',
			},
			{
				name: 'Generate on the Server',
				value: 'generate',
				description:
					'Nova makes a new pair and returns its private key once, in the output (clouds with Compute API microversion 2.92 or later no longer do)',
			},
		],
		default: 'import',
	},
	{
		displayName: 'Public Key',
		name: 'publicKey',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… me@laptop',
		displayOptions: { show: { keySource: ['import'] } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'SSH', value: 'ssh' },
			{ name: 'X509', value: 'x509' },
		],
		default: 'ssh',
	},
]);

/** Nova's rule for key pair names (below microversion 2.92). */
const NAME = /^[a-zA-Z0-9_ -]+$/;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, ''));
	if (!name.trim()) throw parameterError(this.getNode(), 'Name', 'it must not be empty', itemIndex);
	if (name.length > 255 || !NAME.test(name) || name !== name.trim()) {
		throw parameterError(
			this.getNode(),
			'Name',
			`"${name}" may only hold letters, digits, spaces, "-" and "_" (no leading or trailing space, up to 255 characters)`,
			itemIndex,
		);
	}
	const generate = this.getNodeParameter('keySource', itemIndex, 'import') === 'generate';
	const type = this.getNodeParameter('type', itemIndex, 'ssh') === 'x509' ? 'x509' : 'ssh';
	const keypair: Record<string, string> = { name, type };
	if (!generate) {
		const publicKey = String(this.getNodeParameter('publicKey', itemIndex, '')).trim();
		if (!publicKey)
			throw parameterError(this.getNode(), 'Public Key', 'it must not be empty', itemIndex);
		if (type === 'ssh' && !/^(ssh-|ecdsa-|sk-)[\w@.-]+ [A-Za-z0-9+/=]+/.test(publicKey)) {
			throw parameterError(
				this.getNode(),
				'Public Key',
				'it is not an OpenSSH public key ("ssh-ed25519 AAAA…", "ssh-rsa AAAA…")',
				itemIndex,
			);
		}
		keypair.public_key = publicKey;
	}
	const { keypair: created } = await onHttpStatus(
		generate ? [400, 406] : [],
		async () =>
			await serviceRequest<{ keypair: NovaKeyPair }>(this, 'compute', {
				method: 'POST',
				path: '/os-keypairs',
				body: { keypair },
				microversion: KEYPAIR_MICROVERSION,
			}),
		async (error, status) => {
			if (status === 400 && !/public_key/i.test(error.message))
				throw new NodeOperationError(this.getNode(), error.message, { itemIndex });
			throw new NodeOperationError(
				this.getNode(),
				'This cloud no longer generates key pairs (Compute API microversion 2.92 and later)',
				{
					itemIndex,
					description:
						'Choose Key Source "Import a Public Key" and give the public key of a pair you made, e.g. with ssh-keygen -t ed25519.',
				},
			);
		},
	);
	if (!generate) return describeKeyPair(created);
	return {
		...describeKeyPair(created),
		privateKey: created.private_key,
		note: 'Nova shows this private key once and keeps no copy: store it now (e.g. in an n8n credential).',
	};
}
