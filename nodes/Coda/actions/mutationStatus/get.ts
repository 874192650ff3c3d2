import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { codaPath, codaRequest } from '../../transport';
import { forOperation, showFor } from '../common';

const displayOptions = showFor('mutationStatus', 'get');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. abc-123-def-456',
		description: 'The "requestId" a queued write returned',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const requestId = String(this.getNodeParameter('requestId', itemIndex, '')).trim();
	if (!requestId)
		throw parameterError(
			this.getNode(),
			'requestId',
			'it must not be empty',
			itemIndex,
			'Request ID',
		);
	const status = await codaRequest(this, {
		path: codaPath`/mutationStatus/${requestId}`,
		parameters: { mutation: 'Request ID' },
	});
	return { requestId, ...status };
}
