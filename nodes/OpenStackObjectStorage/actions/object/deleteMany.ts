import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { deleteObjects } from '../../../shared/storage/drivers/swift/bulk';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { assertSwiftObject } from '../../../shared/storage/drivers/swift/names';
import { containerLocator, forOperation, getContainer, getNameList, showFor } from '../common';

export const description = forOperation(showFor('object', 'deleteMany'), [
	containerLocator(),
	{
		displayName: 'Object Names',
		name: 'objectNames',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. a.txt, reports/b.pdf',
		description:
			'Names to delete, separated by commas or new lines, or an array from an expression',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const names = getNameList(this, itemIndex, 'objectNames');
	if (names.length === 0)
		throw parameterError(this.getNode(), 'Object Names', 'give at least one name', itemIndex);
	for (const name of names) assertSwiftObject(name, 'Object Names');
	const results = await deleteObjects(swift, container, names);
	return results.map(({ key, ...result }) => ({ container, object: key, ...result }));
}
