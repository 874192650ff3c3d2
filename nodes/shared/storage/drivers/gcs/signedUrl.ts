import type { GcsClient } from './client';
import { InvalidNameError } from '../../errors';
import { fileOf, gcsCall } from './handles';
import { gcsLabel } from './names';
import { isUrlLifetime } from '../../urlExpiry';

/** v4 signed URLs: 1 second to 7 days. */
export const MAX_SIGNED_URL_SECONDS = 604_800;

export interface SignedUrlOptions {
	/** seconds, 1 to 604800 (7 days) */
	expiresIn: number;
	method: 'GET' | 'PUT';
	/** For PUT: the Content-Type the uploader must send. */
	contentType?: string;
}

/** A v4 signed URL, signed locally with the service account's key (no request is made). */
export async function signedUrl(
	client: GcsClient,
	bucket: string,
	key: string,
	options: SignedUrlOptions,
	names: { bucket?: string; key?: string; expiresIn?: string } = {},
): Promise<{ url: string; expiresAt: string }> {
	const file = fileOf(client, bucket, key, names);
	const { expiresIn } = options;
	if (!isUrlLifetime(expiresIn, MAX_SIGNED_URL_SECONDS)) {
		throw new InvalidNameError(
			names.expiresIn ?? 'expiresIn',
			`Invalid ${gcsLabel(names.expiresIn ?? 'expiresIn')} ${String(expiresIn)}: a v4 signed URL lasts from 1 second to 7 days (${MAX_SIGNED_URL_SECONDS} seconds)`,
		);
	}
	if (options.method !== 'GET' && options.method !== 'PUT') {
		throw new InvalidNameError(
			'method',
			`Invalid ${gcsLabel('method')} "${String(options.method)}": use GET or PUT`,
		);
	}
	const expires = Date.now() + expiresIn * 1000;
	const [url] = await gcsCall(
		() =>
			file.getSignedUrl({
				version: 'v4',
				action: options.method === 'PUT' ? 'write' : 'read',
				expires,
				...(options.method === 'PUT' && options.contentType
					? { contentType: options.contentType }
					: {}),
			}),
		{ config: client.config, bucket, key },
	);
	return { url, expiresAt: new Date(expires).toISOString() };
}
