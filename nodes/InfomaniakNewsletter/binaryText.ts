import type { IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import { parameterError } from '../shared/node/errors';

/** HTML and CSV files are read whole: Infomaniak takes them as a JSON string. Larger ones are refused. */
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The text of an input item's binary property (an HTML body, a CSV file), from n8n's binary
 * store; errors name the parameter that holds the property's name.
 */
export async function readBinaryText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): Promise<string> {
	const property = String(ctx.getNodeParameter(parameter, itemIndex, 'data') ?? '').trim();
	if (!property)
		throw parameterError(ctx.getNode(), parameter, 'it must not be empty', itemIndex, label);
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary)
		throw parameterError(
			ctx.getNode(),
			parameter,
			`the input item has no binary property "${property}"`,
			itemIndex,
			label,
		);
	let bytes: Buffer;
	if (binary.id) {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of await ctx.helpers.getBinaryStream(binary.id)) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
			size += buffer.length;
			if (size > MAX_TEXT_FILE_BYTES) break;
			chunks.push(buffer);
		}
		bytes = Buffer.concat(chunks);
		if (size > MAX_TEXT_FILE_BYTES) bytes = Buffer.alloc(MAX_TEXT_FILE_BYTES + 1);
	} else {
		bytes = Buffer.from(binary.data, BINARY_ENCODING);
	}
	if (bytes.length > MAX_TEXT_FILE_BYTES)
		throw parameterError(
			ctx.getNode(),
			parameter,
			`the file "${binary.fileName ?? property}" is larger than ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB`,
			itemIndex,
			label,
		);
	// a UTF-8 byte-order mark is not part of the text
	return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
