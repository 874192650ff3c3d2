import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { discardBody } from '../storage/parts';
import { openBinaryInput, type BinaryInput } from './binary';
import { trimmed } from './parameters';

/**
 * The parameters of a binary upload: the object's name (`name`, empty for the binary file's
 * name; `what` says what it is, e.g. "The object's key") and the input binary field.
 */
export function uploadSource(name: string, displayName: string, what: string): INodeProperties[] {
	return [
		{
			displayName,
			name,
			type: 'string',
			default: '',
			placeholder: 'e.g. reports/2026/summary.pdf',
			description: `${what}. Leave empty to use the binary file's name.`,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'The name of the input binary property holding the file to upload',
		},
	];
}

/** The "Expected MD5" option of an upload; read it with `readExpectedMd5` (storage/md5.ts). */
export const expectedMd5Option: INodeProperties = {
	displayName: 'Expected MD5',
	name: 'expectedMd5',
	type: 'string',
	default: '',
	description: 'Hex MD5 the uploaded bytes must have; on a mismatch nothing is kept',
};

/** What an upload sends: the item's binary input and the object's name. */
export type UploadInput = BinaryInput & { name: string };

/**
 * The upload of an item's binary input (`uploadSource`'s parameters): opens it, names the object
 * (the `nameParameter`'s value, else the binary file's name), checks the name with `check`, then
 * hands both to `send`. Every parameter is read before: bad input opens nothing. The input is
 * closed whatever happens (a refused name, a driver that refused before reading, a failure).
 */
export async function uploadBinary<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	nameParameter: string,
	check: (name: string) => void,
	send: (input: UploadInput) => Promise<T>,
): Promise<T> {
	const input = await openBinaryInput(ctx, itemIndex);
	try {
		const named = String(ctx.getNodeParameter(nameParameter, itemIndex, '')).trim();
		const name = named || input.fileName || '';
		check(name);
		return await send({ ...input, name });
	} finally {
		discardBody(input.body);
	}
}

/**
 * What the options of `contentHeaderOptions` ask for: Content-Type (else the input's MIME type),
 * Cache-Control and Content-Disposition, trimmed; undefined where empty.
 */
export function readContentHeaders(
	options: { contentType?: string; cacheControl?: string; contentDisposition?: string },
	input: { mimeType?: string },
): { contentType?: string; cacheControl?: string; contentDisposition?: string } {
	return {
		contentType: trimmed(options.contentType) ?? input.mimeType,
		cacheControl: trimmed(options.cacheControl),
		contentDisposition: trimmed(options.contentDisposition),
	};
}
