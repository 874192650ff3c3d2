import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { resolveStack, stackLocator } from '../../stacks';
import { heatRequest } from '../../transport';

export const description = forOperation(showFor('stack', 'getTemplate'), [
	stackLocator,
	{
		displayName: 'Put Template in File',
		name: 'asFile',
		type: 'boolean',
		default: false,
		description:
			'Whether to also output the template as a JSON file in a binary field (e.g. to create a stack from it)',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary field to put the file in',
		displayOptions: { show: { asFile: [true] } },
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ref = await resolveStack(this, itemIndex);
	const template = await heatRequest<IDataObject>(this, { path: `${ref.path}/template` });
	const json = { stackId: ref.id, stackName: ref.name, template };
	if (!(this.getNodeParameter('asFile', itemIndex, false) as boolean)) return json;
	const field =
		String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
	const file = await this.helpers.prepareBinaryData(
		Buffer.from(JSON.stringify(template, null, 2)),
		`${ref.name}.template.json`,
		'application/json',
	);
	return { json, binary: { [field]: file } };
}
