import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CLOUD_PRESETS, CUSTOM_CLOUD, TOKEN_RULE } from '../nodes/shared/openstack/cloud';
import { requestSession } from '../nodes/shared/openstack/keystone';
import { SESSION_FIELD, usableSession } from '../nodes/shared/openstack/session';
import {
	credentialTestHeaders,
	withCredentialTestTimeout,
} from '../nodes/shared/transport/credentialTest';
import { assertRequestEndpoint } from '../nodes/shared/transport/endpoint';

/**
 * Any OpenStack cloud through Keystone v3, with Infomaniak's public clouds as presets.
 *
 * The token is n8n's expirable credential data: `preAuthentication` asks Keystone for one when
 * the stored session is empty, and n8n asks again after a 401 (once) and stores the answer with
 * the credential, so a run of 1,000 items makes one token request. The session also holds what
 * later requests need from Keystone's answer (the catalog's endpoints for the chosen region and
 * interface, the user and project, the expiry); the nodes' shared layer
 * (nodes/shared/openstack) renews it shortly before it expires, or when the settings changed.
 */
export class CloudPackOpenStackApi implements ICredentialType {
	name = 'cloudPackOpenStackApi';

	displayName = 'Cloud Pack OpenStack API';

	icon: Icon = { light: 'file:../icons/openstack.svg', dark: 'file:../icons/openstack.dark.svg' };

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-cloud-pack#openstack-and-infomaniak-public-cloud';

	properties: INodeProperties[] = [
		{
			displayName: 'Cloud',
			name: 'cloud',
			type: 'options',
			options: [
				...CLOUD_PRESETS.map((preset) => ({
					name: preset.name,
					value: preset.value,
					description: `${preset.authUrl}, region ${preset.region}`,
				})),
				{
					name: 'Other OpenStack Cloud',
					value: CUSTOM_CLOUD,
					description: 'Any OpenStack cloud: its Keystone v3 URL and region',
				},
			],
			default: CLOUD_PRESETS[0].value,
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://keystone.example.com/v3',
			description: 'The Keystone v3 address of the cloud (OS_AUTH_URL in an openrc file)',
			displayOptions: { show: { cloud: [CUSTOM_CLOUD] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'RegionOne',
			required: true,
			description: 'The region whose endpoints the nodes use (OS_REGION_NAME)',
			displayOptions: { show: { cloud: [CUSTOM_CLOUD] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Application Credential',
					value: 'applicationCredential',
					description: 'Recommended by Infomaniak for automation; bound to one project',
				},
				{ name: 'Password', value: 'password', description: 'A user name, password and project' },
			],
			default: 'applicationCredential',
		},
		{
			displayName: 'Application Credential By',
			name: 'applicationCredentialBy',
			type: 'options',
			options: [
				{ name: 'ID', value: 'id' },
				{ name: 'Name and User', value: 'name' },
			],
			default: 'id',
			displayOptions: { show: { authentication: ['applicationCredential'] } },
		},
		{
			displayName: 'Application Credential ID',
			name: 'applicationCredentialId',
			type: 'string',
			default: '',
			required: true,
			description: 'OS_APPLICATION_CREDENTIAL_ID',
			displayOptions: {
				show: { authentication: ['applicationCredential'], applicationCredentialBy: ['id'] },
			},
		},
		{
			displayName: 'Application Credential Name',
			name: 'applicationCredentialName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: {
				show: { authentication: ['applicationCredential'], applicationCredentialBy: ['name'] },
			},
		},
		{
			displayName: 'Application Credential Secret',
			name: 'applicationCredentialSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'OS_APPLICATION_CREDENTIAL_SECRET, shown once when the credential was created',
			displayOptions: { show: { authentication: ['applicationCredential'] } },
		},
		{
			displayName: 'User Name',
			name: 'applicationCredentialUserName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. PCU-ABC1234',
			description: 'The user who owns the application credential',
			displayOptions: {
				show: { authentication: ['applicationCredential'], applicationCredentialBy: ['name'] },
			},
		},
		{
			displayName: 'User Domain',
			name: 'applicationCredentialUserDomainName',
			type: 'string',
			default: 'Default',
			description: 'The domain of that user, by name',
			displayOptions: {
				show: { authentication: ['applicationCredential'], applicationCredentialBy: ['name'] },
			},
		},
		{
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. PCU-ABC1234',
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'User Domain',
			name: 'userDomainName',
			type: 'string',
			default: 'Default',
			description: 'The domain of the user, by name',
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'Project By',
			name: 'projectBy',
			type: 'options',
			options: [
				{ name: 'Name', value: 'name' },
				{ name: 'ID', value: 'id' },
			],
			default: 'name',
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'Project Name',
			name: 'projectName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. PCP-ABC1234',
			displayOptions: { show: { authentication: ['password'], projectBy: ['name'] } },
		},
		{
			displayName: 'Project Domain',
			name: 'projectDomainName',
			type: 'string',
			default: 'Default',
			description: 'The domain of the project, by name',
			displayOptions: { show: { authentication: ['password'], projectBy: ['name'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['password'], projectBy: ['id'] } },
		},
		{
			displayName: 'Interface',
			name: 'interface',
			type: 'options',
			options: [
				{ name: 'Public', value: 'public' },
				{ name: 'Internal', value: 'internal' },
				{ name: 'Admin', value: 'admin' },
			],
			default: 'public',
			description: 'Which of the catalog endpoints to use (OS_INTERFACE)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified. Leave off unless you trust the server (e.g. a self-signed certificate on your own network).',
		},
		{
			displayName: 'Session',
			name: SESSION_FIELD,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Keystone's token and what the nodes need from its answer; run by n8n when the session is empty or got a 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const session = await requestSession(
			async (options: IHttpRequestOptions) => await this.helpers.httpRequest(options),
			credentials,
		);
		return { [SESSION_FIELD]: JSON.stringify(session) };
	}

	/**
	 * Adds the token, only to an https:// address (or http:// on this machine), never to
	 * user:password@: every request that carries it, the credential test's included. A session
	 * obtained with other settings, or expired, sends none: the service answers 401 and n8n
	 * fetches a new token, then repeats the request once.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const requestOptions = withCredentialTestTimeout(request);
		const session = usableSession(credentials, Date.now(), 'none');
		const headers = { ...(requestOptions.headers ?? {}) };
		if (session) {
			assertRequestEndpoint(requestOptions, TOKEN_RULE);
			headers['X-Auth-Token'] = session.token;
		}
		return {
			...requestOptions,
			headers,
			...(credentials.ignoreSslIssues === true ? { skipSslCertificateValidation: true } : {}),
		};
	}

	/** A real token (with every check of preAuthentication), then the catalog it grants. */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `={{ (($credentials.cloud === '${CUSTOM_CLOUD}') ? String($credentials.authUrl || '').trim().replace(/\\/+$/, '').replace(/\\/v3$/i, '') + '/v3' : (${JSON.stringify(
				Object.fromEntries(CLOUD_PRESETS.map((preset) => [preset.value, preset.authUrl])),
			)})[$credentials.cloud] || '${CLOUD_PRESETS[0].authUrl}') + '/auth/catalog' }}`,
			skipSslCertificateValidation: '={{ $credentials.ignoreSslIssues === true }}',
			// an address that never answers fails the test in seconds (see credentialTestHeaders)
			headers: credentialTestHeaders(),
		},
	};
}
