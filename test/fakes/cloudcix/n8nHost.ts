import { NodeApiError } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';

import { CloudPackCloudCixApi } from '../../../credentials/CloudPackCloudCixApi.credentials';
import { CloudCix } from '../../../nodes/CloudCix/CloudCix.node';
import { createExecuteContext, type Params } from '../../helpers/executeContext';
import { sendLikeN8n as send } from '../../unit/transport/fakeContext';
import type { CloudCixFake } from './server';

/**
 * Runs the CloudCIX node with a fake IExecuteFunctions whose helpers do what n8n-core 2.40 does
 * for a credential with an expirable token (`request-helpers/authentication.js`,
 * `credentials-helper.js` preAuthentication):
 * - the credential is read from the store for every request (n8n reads the database);
 * - `preAuthentication` runs when the expirable field is empty, or after a 401 (then the request
 *   is sent once more); its output is stored; `additionalCredentialOptions.credentialsDecrypted`
 *   replaces the stored data for that request;
 * - the credential's `authenticate` adds its header (and applies the endpoint rule); failures
 *   become NodeApiError.
 * The e2e tests run the same node in a real n8n.
 */

export const CREDENTIAL_TYPE = 'cloudPackCloudCixApi';
const CREDENTIAL_REF = { id: 'cloudcix-cred-1', name: 'CloudCIX fake' };
const credentialType = new CloudPackCloudCixApi();
const description = new CloudCix().description;

export function fakeCredential(fake: CloudCixFake, extra: IDataObject = {}): IDataObject {
	return {
		email: fake.user.email,
		password: fake.user.password,
		apiKey: fake.user.memberApiKey,
		apiUrl: fake.apiUrl,
		allowUnauthorizedCerts: false,
		token: '',
		...extra,
	};
}

export interface HostOptions {
	params: Params | ((itemIndex: number) => Params);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The stored credential data (default: the fake's user, no token yet). */
	credential?: IDataObject;
}

export function cloudCixHost(fake: CloudCixFake, options: HostOptions) {
	const store: { data: IDataObject } = { data: options.credential ?? fakeCredential(fake) };
	const hints: NodeExecutionHint[] = [];
	let preAuthentications = 0;
	const exec = createExecuteContext({
		params: options.params,
		items: options.items,
		continueOnFail: options.continueOnFail,
		description,
		node: {
			name: 'CloudCIX',
			type: 'n8n-nodes-cloud-pack.cloudCix',
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL_REF },
		},
	});
	const ctx = exec.ctx as IExecuteFunctions & Record<string, unknown>;
	const node = ctx.getNode();

	const getCredentials = async (type: string) => {
		if (type !== CREDENTIAL_TYPE) throw new Error(`No credential of type ${type}`);
		return structuredClone(store.data) as ICredentialDataDecryptedObject;
	};

	async function preAuthentication(
		credentials: ICredentialDataDecryptedObject,
		expired: boolean,
	): Promise<void> {
		if (credentials.token !== '' && !expired) return;
		preAuthentications++;
		const output = (await credentialType.preAuthentication.call(
			{ helpers: { httpRequest: send } } as never,
			credentials,
		)) as IDataObject;
		if (output.token === undefined) return;
		store.data = { ...store.data, ...output };
		Object.assign(credentials, output);
	}

	const authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await credentialType.authenticate(credentials, request);

	async function httpRequestWithAuthentication(
		type: string,
		request: IHttpRequestOptions,
		additional?: IAdditionalCredentialOptions,
	): Promise<unknown> {
		let credentials: ICredentialDataDecryptedObject | undefined;
		try {
			credentials = additional?.credentialsDecrypted?.data ?? (await getCredentials(type));
			await preAuthentication(credentials, false);
			return await send(await authenticate(credentials, request));
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			if (status === 401 && credentials !== undefined) {
				try {
					await preAuthentication(credentials, true);
					return await send(await authenticate(credentials, request));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as never);
				}
			}
			throw new NodeApiError(node, error as never);
		}
	}

	ctx.getCredentials = getCredentials as never;
	ctx.addExecutionHints = ((...added: NodeExecutionHint[]) => hints.push(...added)) as never;
	(ctx.helpers as unknown as IDataObject).httpRequestWithAuthentication =
		httpRequestWithAuthentication;
	(ctx.helpers as unknown as IDataObject).httpRequest = send;

	return {
		ctx: ctx as IExecuteFunctions,
		store,
		hints,
		preAuthentications: () => preAuthentications,
	};
}

/** Runs the node; its single output's json, with the host to inspect the stored credential. */
export async function runCloudCix(fake: CloudCixFake, options: HostOptions) {
	const host = cloudCixHost(fake, options);
	const output = await new CloudCix().execute.call(host.ctx);
	return { ...host, output: output[0], json: output[0].map((item) => item.json) };
}

/** Runs the node expecting it to throw. */
export async function runCloudCixFailing(fake: CloudCixFake, options: HostOptions) {
	const host = cloudCixHost(fake, options);
	try {
		await new CloudCix().execute.call(host.ctx);
	} catch (error) {
		return {
			...host,
			error: error as Error & { description?: string | null; httpCode?: string | null },
		};
	}
	throw new Error('The CloudCIX node succeeded but was expected to fail');
}
