import { createHmac, randomBytes } from 'crypto';

import { StorageError } from '../../errors';
import type { SwiftClient } from './client';

/**
 * Temporary URLs (Swift's tempurl middleware): anyone holding one may GET or PUT one object
 * until it expires, without a token. Signed with HMAC-SHA256 over "METHOD\nEXPIRES\nPATH",
 * where PATH starts at /v1/ (behind a gateway prefix such as Infomaniak's /object-store/ too).
 */

export const TEMP_URL_METHODS = ['GET', 'PUT', 'HEAD'] as const;
export type TempUrlMethod = (typeof TEMP_URL_METHODS)[number];

/** One year: Swift sets no limit, but a URL that never expires is a standing password. */
export const MAX_TEMP_URL_SECONDS = 365 * 24 * 3600;

export class TempUrlKeyMissingError extends StorageError {
	constructor() {
		super(
			'NotSupported',
			'The Swift account has no temporary-URL key: create one with the OpenStack Object Storage node (Object → Get Temporary URL, option "Set Key If None"; it then signs every temporary URL of the account), or set X-Account-Meta-Temp-URL-Key yourself',
		);
	}
}

/** The key that signs: the container's own, else the account's (neither is ever output). */
export async function tempUrlKey(
	swift: SwiftClient,
	container: string,
): Promise<string | undefined> {
	const { headers: containerHeaders } = await swift.inContainer(
		container,
		async () => await swift.call({ method: 'HEAD', path: swift.path(container) }),
	);
	const own =
		containerHeaders['x-container-meta-temp-url-key'] ??
		containerHeaders['x-container-meta-temp-url-key-2'];
	if (own) return own;
	const { headers } = await swift.call({ method: 'HEAD', path: '' });
	return headers['x-account-meta-temp-url-key'] ?? headers['x-account-meta-temp-url-key-2'];
}

/** Sets a new random account key (only when asked: it is shared by every temporary URL of the account). */
export async function setAccountTempUrlKey(swift: SwiftClient): Promise<string> {
	const key = randomBytes(32).toString('hex');
	await swift.call({ method: 'POST', path: '', headers: { 'X-Account-Meta-Temp-URL-Key': key } });
	return key;
}

/** The signed URL. `expires` is in seconds since the epoch. */
export function signTempUrl(
	storageUrl: string,
	key: string,
	method: TempUrlMethod,
	container: string,
	object: string,
	expires: number,
): string {
	const base = new URL(storageUrl);
	const accountPath = decodeURIComponent(base.pathname.replace(/\/+$/, ''));
	const fromVersion = accountPath.indexOf('/v1/');
	const signedPath = `${fromVersion >= 0 ? accountPath.slice(fromVersion) : accountPath}/${container}/${object}`;
	const signature = createHmac('sha256', key)
		.update(`${method}\n${expires}\n${signedPath}`)
		.digest('hex');
	const encoded = `${storageUrl.replace(/\/+$/, '')}/${encodeURIComponent(container)}/${object
		.split('/')
		.map(encodeURIComponent)
		.join('/')}`;
	return `${encoded}?temp_url_sig=${signature}&temp_url_expires=${expires}`;
}

export interface TempUrlResult {
	url: string;
	method: TempUrlMethod;
	expiresAt: string;
	keyCreated: boolean;
}

export async function createTempUrl(
	swift: SwiftClient,
	container: string,
	object: string,
	options: { method: TempUrlMethod; expiresIn: number; setKeyIfMissing?: boolean },
): Promise<TempUrlResult> {
	let key = await tempUrlKey(swift, container);
	let keyCreated = false;
	if (!key) {
		if (!options.setKeyIfMissing) throw new TempUrlKeyMissingError();
		key = await setAccountTempUrlKey(swift);
		keyCreated = true;
	}
	const expires = Math.floor(Date.now() / 1000) + options.expiresIn;
	return {
		url: signTempUrl(await swift.storageUrl(), key, options.method, container, object, expires),
		method: options.method,
		expiresAt: new Date(expires * 1000).toISOString(),
		keyCreated,
	};
}
