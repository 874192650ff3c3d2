import type { IBinaryData, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';

/** The name of a file downloaded from a key that has no usable segment (e.g. "/"). */
export const FALLBACK_FILE_NAME = 'download';

/**
 * The file name of a downloaded object, the same for every node and backend: the last
 * non-empty segment of its key ("reports/2026/" → "2026"), never anything from a URL.
 */
export function fileNameOfKey(key: string): string {
	const segments = key.split('/').filter((segment) => segment !== '');
	return segments[segments.length - 1] ?? FALLBACK_FILE_NAME;
}

/**
 * n8n's binary data for a downloaded object, named by `fileNameOfKey`. n8n would otherwise
 * take the name from the response's URL when none is given, and cut a given one at "?"; the
 * name and its extension are therefore set on the result as well.
 */
export async function keyBinary(
	ctx: Pick<IExecuteFunctions | IPollFunctions, 'helpers'>,
	stream: Readable,
	key: string,
	mimeType?: string,
): Promise<IBinaryData> {
	const fileName = fileNameOfKey(key);
	const binary = await ctx.helpers.prepareBinaryData(stream, fileName, mimeType || undefined);
	binary.fileName = fileName;
	const dot = fileName.lastIndexOf('.');
	if (dot > 0 && dot < fileName.length - 1) binary.fileExtension = fileName.slice(dot + 1);
	else delete binary.fileExtension;
	delete binary.directory;
	return binary;
}
