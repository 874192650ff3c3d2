import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Readable } from 'stream';

import { parameterError } from '../../../shared/node/errors';
import { getBinaryField, OUTPUT_FIELD_LABEL } from '../../../shared/node/binary';
import { getInteger } from '../../../shared/node/parameters';
import { codaPath, codaRequest, DEFAULT_WAIT_TIMEOUT_SECONDS, pause } from '../../transport';
import {
	docLocator,
	forOperation,
	pageLocator,
	parametersOf,
	requireLocator,
	showFor,
} from '../common';

const displayOptions = showFor('page', 'exportContent');

const FORMATS = {
	html: { extension: 'html', mimeType: 'text/html' },
	markdown: { extension: 'md', mimeType: 'text/markdown' },
} as const;

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	{
		displayName: 'Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Markdown', value: 'markdown' },
		],
		default: 'html',
		description: 'The format of the exported file',
	},
	{
		displayName: OUTPUT_FIELD_LABEL,
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary field to put the exported page in',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'exportTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: DEFAULT_WAIT_TIMEOUT_SECONDS,
		description: 'How long to wait for Coda to finish the export before failing',
	},
]);

interface ExportStatus {
	id: string;
	status: string;
	href: string;
	downloadLink?: string;
	error?: string;
}

/** Starts a page export, waits for Coda to render it, and returns the file as binary data. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	const outputFormat = String(
		this.getNodeParameter('outputFormat', itemIndex, 'html'),
	) as keyof typeof FORMATS;
	if (!FORMATS[outputFormat])
		throw parameterError(
			this.getNode(),
			'outputFormat',
			`"${outputFormat}" is not HTML or Markdown`,
			itemIndex,
			'Format',
		);
	const property = getBinaryField(this, itemIndex, OUTPUT_FIELD_LABEL);
	const timeoutSeconds = getInteger(this, 'exportTimeout', itemIndex, {
		min: 1,
		max: 3600,
		fallback: DEFAULT_WAIT_TIMEOUT_SECONDS,
	});
	const parameters = parametersOf('docId', 'pageId');

	const started = await codaRequest<ExportStatus>(this, {
		method: 'POST',
		path: codaPath`/docs/${docId}/pages/${pageId}/export`,
		body: { outputFormat },
		replay: 'always', // starting an export changes nothing in the doc
		parameters,
	});
	const deadline = Date.now() + timeoutSeconds * 1000;
	let status: ExportStatus = started;
	for (let delay = 200; ; delay = Math.min(delay * 2, 3000)) {
		if (status.error || status.status === 'failed') {
			throw new NodeOperationError(
				this.getNode(),
				`Coda could not export the page: ${status.error ?? status.status}`,
				{ itemIndex },
			);
		}
		if (status.status === 'complete' && status.downloadLink) break;
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Coda had not finished exporting the page after ${timeoutSeconds} s`,
				{
					itemIndex,
					description: 'Raise "Wait Timeout (Seconds)" for large pages.',
				},
			);
		}
		await pause(Math.min(delay, remaining));
		status = await codaRequest<ExportStatus>(this, {
			path: codaPath`/docs/${docId}/pages/${pageId}/export/${started.id}`,
			parameters,
		});
	}

	const format = FORMATS[outputFormat];
	const stream = await codaRequest<Readable>(this, {
		path: status.downloadLink as string,
		encoding: 'stream',
	});
	const binary = await this.helpers.prepareBinaryData(
		stream,
		`${pageId}.${format.extension}`,
		format.mimeType,
	);
	return {
		json: { docId, pageId, format: outputFormat, exportId: started.id, fileName: binary.fileName },
		binary: { [property]: binary },
	};
}
