import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';
import { Readable } from 'stream';

import { parameterError } from './errors';

export interface BinaryInput {
	stream: Readable;
	fileName?: string;
	mimeType?: string;
	/** bytes, when n8n knows it without reading the data */
	size?: number;
}

/**
 * Opens an input item's binary property as a stream. In n8n's filesystem/S3 binary
 * modes the data is streamed from n8n's store; nothing is read into memory here.
 */
export async function openBinaryInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyParameter = 'binaryPropertyName',
	displayName = 'Input Binary Field',
): Promise<BinaryInput> {
	const propertyName = String(ctx.getNodeParameter(propertyParameter, itemIndex, 'data')).trim();
	if (!propertyName) {
		throw parameterError(ctx.getNode(), propertyParameter, 'it must not be empty', itemIndex, displayName);
	}
	const binary: IBinaryData | undefined = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw parameterError(
			ctx.getNode(),
			propertyParameter,
			`the input item has no binary property "${propertyName}"`,
			itemIndex,
			displayName,
		);
	}
	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		return {
			stream: await ctx.helpers.getBinaryStream(binary.id),
			fileName: binary.fileName ?? metadata.fileName ?? undefined,
			mimeType: binary.mimeType ?? metadata.mimeType,
			size: metadata.fileSize,
		};
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return { stream: Readable.from([buffer]), fileName: binary.fileName, mimeType: binary.mimeType, size: buffer.length };
}
