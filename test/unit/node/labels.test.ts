import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { S3 } from '../../../nodes/S3/S3.node';
import { Coda } from '../../../nodes/Coda/Coda.node';
import { displayNameOf, registerNodeProperties } from '../../../nodes/shared/node/labels';
import { parameterError, toNodeError } from '../../../nodes/shared/node/errors';
import { getInteger } from '../../../nodes/shared/node/parameters';
import { InvalidNameError } from '../../../nodes/shared/storage/errors';

function node(type: string, parameters: Record<string, unknown>): INode {
	return { id: '1', name: 'N', type, typeVersion: 1, position: [0, 0], parameters } as INode;
}

describe('errors name a parameter as n8n shows it', () => {
	beforeAll(() => {
		registerNodeProperties('pack.s3', new S3().description.properties);
		registerNodeProperties('pack.coda', new Coda().description.properties);
	});

	it('finds nested options by their path, for the operation shown', () => {
		const upload = node('pack.s3', { resource: 'object', operation: 'upload' });
		expect(displayNameOf(upload, 'options.partSizeMiB')).toBe('Part Size (MiB)');
		expect(displayNameOf(upload, 'binaryPropertyName')).toBe('Input Binary Field');
		const download = node('pack.s3', { resource: 'object', operation: 'download' });
		expect(displayNameOf(download, 'binaryPropertyName')).toBe('Put Output File in Field');
		const rows = node('pack.coda', { resource: 'row', operation: 'insert' });
		expect(displayNameOf(rows, 'options.rowsPerRequest')).toBe('Rows per Request');
		expect(displayNameOf(node('unknown.type', {}), 'options.x')).toBeUndefined();
	});

	it('getInteger and parameterError use it: "Part Size (MiB)", never "options.partSizeMiB"', () => {
		const upload = node('pack.s3', { resource: 'object', operation: 'upload' });
		const ctx = {
			getNode: () => upload,
			getNodeParameter: (name: string) => (name === 'options.partSizeMiB' ? 2 : undefined),
		} as never;
		let error: NodeOperationError | undefined;
		try {
			getInteger(ctx, 'options.partSizeMiB', 0, { min: 5 });
		} catch (caught) {
			error = caught as NodeOperationError;
		}
		expect(error?.message).toBe('Invalid "Part Size (MiB)": 2 is below the minimum of 5');
		expect(error?.description).toBe('Check the parameter "Part Size (MiB)"');
		expect(parameterError(upload, 'options.concurrency', 'x').message).toBe(
			'Invalid "Concurrency": x',
		);
		const storage = toNodeError(upload, new InvalidNameError('options.partSizeMiB', 'too small'));
		expect(storage.description).toBe('Check the parameter "Part Size (MiB)"');
	});
});
