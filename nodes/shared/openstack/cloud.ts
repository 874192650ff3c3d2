import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { endpointProblem, withoutUserInfo, type EndpointRule } from '../transport/endpoint';
import { OpenStackConfigError } from './credentialErrors';

/**
 * Which Keystone, region and interface an OpenStack credential points at. Infomaniak's two
 * public clouds are presets; any other cloud is a Keystone v3 URL with its region.
 */

export const OPENSTACK_CREDENTIAL = 'cloudPackOpenStackApi';

export interface CloudPreset {
	value: string;
	name: string;
	authUrl: string;
	region: string;
	/** Where this cloud's S3 API answers (EC2 credentials are for it). */
	s3Endpoint?: string;
}

export const CLOUD_PRESETS: CloudPreset[] = [
	{
		value: 'infomaniakPub1',
		name: 'Infomaniak Public Cloud 1 (Dc3-A)',
		authUrl: 'https://api.pub1.infomaniak.cloud/identity/v3',
		region: 'dc3-a',
		s3Endpoint: 'https://s3.pub1.infomaniak.cloud',
	},
	{
		value: 'infomaniakPub2',
		name: 'Infomaniak Public Cloud 2 (Dc4-A)',
		authUrl: 'https://api.pub2.infomaniak.cloud/identity/v3',
		region: 'dc4-a',
		s3Endpoint: 'https://s3.pub2.infomaniak.cloud',
	},
];

export const CUSTOM_CLOUD = 'custom';

export type EndpointInterface = 'public' | 'internal' | 'admin';

export interface CloudTarget {
	/** The Keystone v3 base URL, without a trailing slash (…/v3). */
	authUrl: string;
	region: string;
	interface: EndpointInterface;
	preset?: CloudPreset;
	/** Skip TLS certificate verification (a self-signed private cloud). */
	insecure: boolean;
}

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value).trim();
}

/**
 * The endpoint rule (nodes/shared/transport/endpoint.ts) for the Auth URL: Keystone receives the
 * password or the application credential's secret, so https://, or http:// to this machine only,
 * and never user:password@.
 */
export const AUTH_URL_RULE: EndpointRule = {
	label: 'The "Auth URL" of the OpenStack credential',
	sendsSecret: true,
};

/** The endpoint rule for any request that carries the token (the credential's `authenticate`). */
export const TOKEN_RULE: EndpointRule = {
	label: 'An address that receives the OpenStack token',
	sendsSecret: true,
};

/**
 * The endpoint rule (nodes/shared/transport/endpoint.ts) for an endpoint of the token's catalog:
 * the token goes over https://, or http:// to this machine only, and never to user:password@.
 */
export function catalogEndpointRule(service: string): EndpointRule {
	return { label: `The catalog's "${service}" endpoint`, sendsSecret: true };
}

/**
 * The Keystone v3 base of a URL as users write it: `…/v3` as is, `…/identity` or a bare host
 * get `/v3` appended (Keystone serves v3 below its root). A v2.0 URL, a URL with a query, one
 * that breaks the endpoint rule or anything that is not http(s) is refused, naming the field.
 */
export function keystoneV3Url(raw: string): string {
	const value = raw.trim();
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new OpenStackConfigError(
			`The Auth URL "${withoutUserInfo(value)}" is not a URL: give the Keystone v3 address, e.g. https://keystone.example.com/v3`,
			'authUrl',
		);
	}
	const problem = endpointProblem(value, AUTH_URL_RULE);
	if (problem) throw new OpenStackConfigError(problem, 'authUrl');
	if (url.search || url.hash) {
		throw new OpenStackConfigError(
			'The Auth URL must not have a query string or fragment',
			'authUrl',
		);
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (/\/v2(\.0)?$/i.test(path) || /\/v1(\.\d+)?$/i.test(path)) {
		throw new OpenStackConfigError(
			`The Auth URL "${value}" is not Keystone v3 (it ends in ${path.slice(path.lastIndexOf('/'))}): use the v3 address, e.g. ${url.origin}${path.replace(/\/v[12](\.\d+)?$/i, '/v3')}`,
			'authUrl',
		);
	}
	if (/\/auth\/tokens$/i.test(path)) {
		throw new OpenStackConfigError(
			'The Auth URL is the Keystone v3 base address, without "/auth/tokens"',
			'authUrl',
		);
	}
	return `${url.origin}${/\/v3$/i.test(path) ? path : `${path}/v3`}`;
}

/** The Keystone, region and interface a credential's settings give. */
export function cloudTarget(credentials: ICredentialDataDecryptedObject): CloudTarget {
	const cloud = text(credentials.cloud) || CLOUD_PRESETS[0].value;
	const endpointInterface = (text(credentials.interface) || 'public') as EndpointInterface;
	if (!['public', 'internal', 'admin'].includes(endpointInterface)) {
		throw new OpenStackConfigError(`Unknown interface "${endpointInterface}"`, 'interface');
	}
	const insecure = credentials.ignoreSslIssues === true;
	const preset = CLOUD_PRESETS.find((candidate) => candidate.value === cloud);
	if (preset) {
		return {
			authUrl: preset.authUrl,
			region: preset.region,
			interface: endpointInterface,
			preset,
			insecure,
		};
	}
	if (cloud !== CUSTOM_CLOUD) throw new OpenStackConfigError(`Unknown cloud "${cloud}"`, 'cloud');
	const authUrl = text(credentials.authUrl);
	if (!authUrl) throw new OpenStackConfigError('The Auth URL is empty', 'authUrl');
	const region = text(credentials.region);
	if (!region) throw new OpenStackConfigError('The Region is empty', 'region');
	return { authUrl: keystoneV3Url(authUrl), region, interface: endpointInterface, insecure };
}
