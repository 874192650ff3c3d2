/** Server-side blob copies, from a blob of the account or from a URL. */
import type { BlobBeginCopyFromURLOptions } from '@azure/storage-blob';

import { InvalidNameError } from '../../errors';
import type { AzureConnection } from './client';
import { azureCall, type AzureErrorContext } from './errors';
import type { AccessTier } from './names';
import {
	blobInfoFromProperties,
	assertBlobNames,
	contextFor,
	getBlobProperties,
	type AzureBlobInfo,
	type BlobNaming,
} from './blobs';

export type CopySource = { container: string; blob: string } | { url: string };

export interface CopyOptions {
	/** Wait until Azure reports the copy finished (same-account copies finish at once). */
	waitForCompletion?: boolean;
	/** Replaces the source's metadata on the copy. */
	metadata?: Record<string, string>;
	tier?: AccessTier;
	/** ms between status checks of a pending copy */
	pollIntervalMs?: number;
	/** Parameter names of the source for errors. */
	sourceNaming?: BlobNaming;
	sourceUrlParameter?: string;
}

function redactUrl(url: string): string {
	const cut = url.indexOf('?');
	return cut >= 0 ? url.slice(0, cut) : url;
}

/**
 * Server-side copy into `target`: from a blob of this account (its properties are read
 * first, so a missing source is reported as such) or from any URL Azure can read (public or
 * carrying its own SAS).
 */
export async function copyBlob(
	connection: AzureConnection,
	source: CopySource,
	target: { container: string; blob: string },
	options: CopyOptions = {},
	naming: BlobNaming = {},
): Promise<AzureBlobInfo & { copySource: string }> {
	assertBlobNames(target.container, target.blob, naming);
	let sourceUrl: string;
	let sourceEtag: string | undefined;
	const sourceContext: AzureErrorContext['source'] = {};
	if ('url' in source) {
		const urlParameter = options.sourceUrlParameter ?? 'sourceUrl';
		let parsed: URL | undefined;
		try {
			parsed = new URL(source.url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			throw new InvalidNameError(
				urlParameter,
				`Invalid "Source URL": "${redactUrl(source.url)}" is not an http(s) URL`,
			);
		}
		sourceUrl = parsed.href;
		sourceContext.url = redactUrl(sourceUrl);
	} else {
		const sourceNaming: BlobNaming = {
			containerParameter: 'sourceContainer',
			blobParameter: 'sourceKey',
			...options.sourceNaming,
		};
		const info = await getBlobProperties(
			connection,
			source.container,
			source.blob,
			{},
			sourceNaming,
		);
		sourceEtag = info.etag;
		sourceUrl = connection.service
			.getContainerClient(source.container)
			.getBlobClient(source.blob).url;
		Object.assign(sourceContext, {
			container: source.container,
			blob: source.blob,
			blobParameter: sourceNaming.blobParameter,
		});
	}
	const client = connection.service.getContainerClient(target.container).getBlobClient(target.blob);
	const copyOptions: BlobBeginCopyFromURLOptions = {
		metadata:
			options.metadata && Object.keys(options.metadata).length > 0 ? options.metadata : undefined,
		tier: options.tier,
		sourceConditions: sourceEtag ? { ifMatch: sourceEtag } : undefined,
		intervalInMs: options.pollIntervalMs ?? 1000,
	};
	const context = {
		...contextFor(connection, target.container, target.blob, naming),
		source: sourceContext,
	};
	return await azureCall(context, async () => {
		const poller = await client.beginCopyFromURL(sourceUrl, copyOptions);
		if (options.waitForCompletion !== false) await poller.pollUntilDone();
		const info = blobInfoFromProperties(
			target.container,
			target.blob,
			await client.getProperties(),
		);
		if (info.copyStatus === 'failed' || info.copyStatus === 'aborted') {
			throw new Error(`The copy into "${target.blob}" ${info.copyStatus}`);
		}
		return { ...info, copySource: redactUrl(sourceUrl) };
	});
}
