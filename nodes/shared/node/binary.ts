import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';
import { stat } from 'fs/promises';
import { isAbsolute } from 'path';
import { Readable } from 'stream';

import type { UploadBody } from '../storage/driver';

import { parameterError } from './errors';

/** How n8n labels the parameter naming the binary field an operation writes to. */
export const OUTPUT_FIELD_LABEL = 'Put Output File in Field';

/**
 * The binary field an item's parameter names (`binaryPropertyName` by default), refused when
 * empty; `label` is how the error names the parameter when it is not the node's own label.
 */
export function getBinaryField(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label?: string,
	parameter = 'binaryPropertyName',
): string {
	const property = String(ctx.getNodeParameter(parameter, itemIndex, 'data')).trim();
	if (!property)
		throw parameterError(ctx.getNode(), parameter, 'it must not be empty', itemIndex, label);
	return property;
}

export interface BinaryInput {
	/** n8n's file when the data sits in its filesystem store, else a stream */
	body: UploadBody;
	fileName?: string;
	mimeType?: string;
	/** bytes, when n8n knows it without reading the data */
	size?: number;
}

/**
 * Opens an input item's binary property. In n8n's filesystem binary mode this is the
 * file itself (drivers read it by position, see storage/parts.ts); in its other stores a
 * stream; nothing is read into memory here.
 */
export async function openBinaryInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyParameter = 'binaryPropertyName',
	displayName = 'Input Binary Field',
): Promise<BinaryInput> {
	const propertyName = String(ctx.getNodeParameter(propertyParameter, itemIndex, 'data')).trim();
	if (!propertyName) {
		throw parameterError(
			ctx.getNode(),
			propertyParameter,
			'it must not be empty',
			itemIndex,
			displayName,
		);
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
			body:
				(await storedFile(ctx, binary.id, metadata.fileSize)) ??
				(await ctx.helpers.getBinaryStream(binary.id)),
			fileName: binary.fileName ?? metadata.fileName ?? undefined,
			mimeType: binary.mimeType ?? metadata.mimeType,
			size: metadata.fileSize,
		};
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return {
		body: Readable.from([buffer]),
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		size: buffer.length,
	};
}

/** The file behind a binary in n8n's filesystem store, when it is one and holds `size` bytes. */
async function storedFile(
	ctx: IExecuteFunctions,
	id: string,
	size: number | undefined,
): Promise<UploadBody | undefined> {
	let path: string;
	try {
		path = ctx.helpers.getBinaryPath(id);
	} catch {
		return undefined;
	}
	// Other stores (S3, database) answer with their own id, not a path on this machine.
	if (!path || !isAbsolute(path)) return undefined;
	const found = await stat(path).catch(() => undefined);
	if (!found?.isFile() || (size !== undefined && found.size !== size)) return undefined;
	return { path, size: found.size };
}
