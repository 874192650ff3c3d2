import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { nameValueList } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import {
	describeServer,
	flavorFinder,
	keyPairFinder,
	waitForServer,
	type NovaServer,
} from '../../../shared/openstack/resources/compute';
import { imageFinder } from '../../../shared/openstack/resources/image';
import {
	findFromParameter,
	findResource,
	listInput,
	locatorInput,
} from '../../../shared/openstack/resources/lookup';
import {
	flavorLocator,
	imageLocator,
	keyPairLocator,
	networkLocator,
} from '../../../shared/openstack/resources/locators';
import { networkFinder, securityGroupFinder } from '../../../shared/openstack/resources/network';
import {
	optionsCollection,
	forOperation,
	getWait,
	serviceRequest,
	showFor,
	waitParameters,
} from '../common';
import { requiredName } from '../../../shared/openstack/resources/parameters';

/** Nova's limit on `user_data`: 65,535 characters once base64-encoded. */
export const MAX_USER_DATA_BASE64 = 65_535;

export const description = forOperation(showFor('server', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. web-1',
	},
	flavorLocator(),
	imageLocator(),
	networkLocator({
		required: false,
		description:
			'The network to attach the server to; empty lets Nova choose (it works when the project has exactly one network)',
	}),
	keyPairLocator({
		required: false,
		description: 'The SSH key pair to install for the default user; empty for none',
	}),
	...waitParameters(
		'Wait Until Active',
		'Whether to wait until the server is ACTIVE (a server that goes to ERROR fails with its fault message)',
	),
	optionsCollection([
		{
			displayName: 'Additional Networks',
			name: 'additionalNetworks',
			type: 'string',
			default: '',
			placeholder: 'e.g. backend-net, storage-net',
			description: 'More networks to attach, by name or ID, separated by commas',
		},
		{
			displayName: 'Availability Zone',
			name: 'availabilityZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. nova',
		},
		nameValueList(
			'Metadata',
			'metadata',
			'Add metadata',
			'Key/value pairs stored with the server (keys and values up to 255 characters)',
		),
		{
			displayName: 'Security Group Names or IDs',
			name: 'securityGroups',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getSecurityGroups' },
			default: [],
			description:
				'The security groups of the server; none for the project\'s "default" group. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'User Data',
			name: 'userData',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			placeholder: '#cloud-config',
			description:
				'A cloud-init script or #cloud-config, as plain text: the node encodes it (at most 65,535 characters once base64-encoded)',
		},
	]),
]);

interface Options {
	additionalNetworks?: string;
	availabilityZone?: string;
	metadata?: { entry?: Array<{ name?: string; value?: string }> };
	securityGroups?: string[] | string;
	userData?: string;
}

function metadataOf(ctx: IExecuteFunctions, itemIndex: number, options: Options) {
	const metadata: Record<string, string> = {};
	for (const { name, value } of options.metadata?.entry ?? []) {
		const key = String(name ?? '').trim();
		const text = String(value ?? '');
		if (!key)
			throw parameterError(ctx.getNode(), 'Metadata', 'every entry needs a name', itemIndex);
		if (key.length > 255 || text.length > 255)
			throw parameterError(
				ctx.getNode(),
				'Metadata',
				`"${key.slice(0, 40)}": names and values may be at most 255 characters`,
				itemIndex,
			);
		metadata[key] = text;
	}
	return metadata;
}

function userDataOf(ctx: IExecuteFunctions, itemIndex: number, options: Options) {
	if (!options.userData) return undefined;
	const encoded = Buffer.from(options.userData, 'utf8').toString('base64');
	if (encoded.length > MAX_USER_DATA_BASE64) {
		throw parameterError(
			ctx.getNode(),
			'User Data',
			`it is ${encoded.length.toLocaleString('en-US')} characters once base64-encoded; Nova accepts at most ${MAX_USER_DATA_BASE64.toLocaleString('en-US')}`,
			itemIndex,
		);
	}
	return encoded;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = requiredName(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const metadata = metadataOf(this, itemIndex, options);
	const userData = userDataOf(this, itemIndex, options);
	const timeoutSeconds = getWait(this, itemIndex);

	// Everything named is looked up first: an unknown name fails before anything is created.
	const flavor = await findFromParameter(this, itemIndex, 'flavor', 'Flavor', flavorFinder);
	const image = await findFromParameter(this, itemIndex, 'image', 'Image', imageFinder);
	const networks: Array<{ uuid: string }> = [];
	if (locatorInput(this, 'network', itemIndex).value) {
		const network = await findFromParameter(this, itemIndex, 'network', 'Network', networkFinder);
		networks.push({ uuid: network.id });
	}
	for (const extra of String(options.additionalNetworks ?? '')
		.split(',')
		.map((value) => value.trim())
		.filter(Boolean)) {
		const network = await findResource(
			this,
			itemIndex,
			'Additional Networks',
			networkFinder,
			extra,
		);
		networks.push({ uuid: network.id });
	}
	let keyName: string | undefined;
	if (locatorInput(this, 'keyPair', itemIndex).value) {
		keyName = (await findFromParameter(this, itemIndex, 'keyPair', 'Key Pair', keyPairFinder)).name;
	}
	const groups = Array.isArray(options.securityGroups)
		? options.securityGroups.map(String)
		: listInput(this, 'options.securityGroups', itemIndex);
	const securityGroups: Array<{ name: string }> = [];
	for (const group of groups.map((value) => value.trim()).filter(Boolean)) {
		const found = await findResource(
			this,
			itemIndex,
			'Security Group Names or IDs',
			securityGroupFinder,
			group,
		);
		securityGroups.push({ name: found.id });
	}

	const body: IDataObject = {
		name,
		flavorRef: flavor.id,
		imageRef: image.id,
		networks: networks.length > 0 ? networks : 'auto',
	};
	if (keyName) body.key_name = keyName;
	if (securityGroups.length > 0) body.security_groups = securityGroups;
	if (userData) body.user_data = userData;
	if (Object.keys(metadata).length > 0) body.metadata = metadata;
	if (options.availabilityZone?.trim()) body.availability_zone = options.availabilityZone.trim();

	const { server: created } = await serviceRequest<{ server: NovaServer }>(this, 'compute', {
		method: 'POST',
		path: '/servers',
		body: { server: body },
	});
	const server = await waitForServer(
		this,
		itemIndex,
		{ id: created.id, name },
		{
			until: ['ACTIVE'],
			timeoutSeconds,
		},
	);
	return describeServer(server!);
}
