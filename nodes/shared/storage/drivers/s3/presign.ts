import type { S3Connection } from './connection';
import { mapS3Error } from './errors';
import { assertExpiry } from './input';
import { loadPresigner, loadS3 } from './sdk';

/** A SigV4 presigned URL for GET (download) or PUT (upload), valid 1 s to 7 days. */
export async function presign(
	s3: S3Connection,
	bucket: string,
	key: string,
	options: { method: 'GET' | 'PUT'; expiresIn: number; contentType?: string },
): Promise<string> {
	assertExpiry(options.expiresIn);
	const [{ GetObjectCommand, PutObjectCommand }, { getSignedUrl }] = await Promise.all([
		loadS3(),
		loadPresigner(),
	]);
	const command =
		options.method === 'PUT'
			? new PutObjectCommand({
					Bucket: bucket,
					Key: key,
					ContentType: options.contentType || undefined,
				})
			: new GetObjectCommand({ Bucket: bucket, Key: key });
	try {
		return await getSignedUrl(s3.client, command as never, {
			expiresIn: options.expiresIn,
			// The presigner leaves Content-Type unsigned unless told: signed, the uploader must send it.
			signableHeaders:
				options.method === 'PUT' && options.contentType ? new Set(['content-type']) : undefined,
		});
	} catch (error) {
		throw mapS3Error(error, s3.context('presign', bucket, key));
	}
}
