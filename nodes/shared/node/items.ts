import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from './errors';

export type ItemResult =
	INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[] | object | object[];

function toExecutionData(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const data: INodeExecutionData =
			'json' in entry && typeof (entry as INodeExecutionData).json === 'object'
				? (entry as INodeExecutionData)
				: { json: entry as IDataObject };
		return { ...data, pairedItem: { item: itemIndex } };
	});
}

/**
 * Runs `handler` for every input item: pairs each output with its input item, and with
 * "Continue On Fail" turns a failure into an `error` item instead of stopping.
 */
export async function mapItems(
	ctx: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const count = ctx.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			output.push(...toExecutionData(await handler(itemIndex), itemIndex));
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? undefined },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}
