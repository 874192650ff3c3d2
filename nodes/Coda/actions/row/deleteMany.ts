import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { codaPath, codaRequest } from '../../transport';
import {
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';
import {
	alreadySent,
	chunkBySize,
	DEFAULT_ROWS_PER_REQUEST,
	groupBy,
	ItemOutcomes,
	MAX_ROWS_PER_REQUEST,
	rowsPerRequest,
	waitIfAsked,
} from './batch';
import { readList } from './cells';

const displayOptions = showFor('row', 'deleteMany');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	{
		displayName: 'Row IDs',
		name: 'rowIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. i-bCdeFgh, i-CdEfgHi',
		description: 'Rows to delete, separated by commas, or an array from an expression',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Rows per Request',
				name: 'rowsPerRequest',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_ROWS_PER_REQUEST },
				default: DEFAULT_ROWS_PER_REQUEST,
				description: 'The row IDs of all items are sent together, this many per request at most',
			},
		],
	},
	...waitOptions,
]);

interface PendingDelete {
	itemIndex: number;
	docId: string;
	tableId: string;
	rowIds: string[];
}

/** Deletes the rows of every input item, all items' row IDs sent in as few requests as allowed. */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const outcomes = new ItemOutcomes(this, count);
	const pending: PendingDelete[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const docId = requireLocator(this, 'docId', itemIndex);
			const tableId = requireLocator(this, 'tableId', itemIndex);
			const rowIds = readList(this.getNodeParameter('rowIds', itemIndex, ''));
			if (rowIds.length === 0)
				throw parameterError(
					this.getNode(),
					'rowIds',
					'give at least one row ID',
					itemIndex,
					'Row IDs',
				);
			pending.push({ itemIndex, docId, tableId, rowIds });
		} catch (error) {
			outcomes.fail(itemIndex, error);
		}
	}
	outcomes.throwFirstUnlessContinuing();

	const sent: Array<{ requestId: string; items: number[] }> = [];
	for (const group of groupBy(pending, (entry) => JSON.stringify([entry.docId, entry.tableId]))) {
		const { docId, tableId, itemIndex: firstItem } = group[0];
		// One entry per row ID, so a request never splits an item's IDs needlessly but stays bounded.
		const ids = group.flatMap((entry) =>
			entry.rowIds.map((rowId) => ({ itemIndex: entry.itemIndex, rowId })),
		);
		for (const chunk of chunkBySize(ids, rowsPerRequest(this, firstItem))) {
			const items = [...new Set(chunk.map((entry) => entry.itemIndex))];
			try {
				const result = await codaRequest<{ requestId: string; rowIds: string[] }>(this, {
					method: 'DELETE',
					path: codaPath`/docs/${docId}/tables/${tableId}/rows`,
					body: { rowIds: [...new Set(chunk.map((entry) => entry.rowId))] },
					parameters: parametersOf('docId', 'tableId'),
				});
				sent.push({ requestId: result.requestId, items });
				const waited = await waitIfAsked(this, firstItem, result.requestId);
				for (const itemIndex of items) {
					const entry = group.find(
						(candidate) => candidate.itemIndex === itemIndex,
					) as PendingDelete;
					const previous = outcomes.failed(itemIndex) ? undefined : outcomes.peek(itemIndex);
					const requestIds = [
						...((previous?.requestIds as string[] | undefined) ?? []),
						result.requestId,
					];
					outcomes.succeed(itemIndex, {
						docId,
						tableId,
						rowIds: entry.rowIds,
						requestIds,
						deleted: true,
						...waited,
					});
				}
			} catch (error) {
				if (!this.continueOnFail()) throw alreadySent(error, sent);
				for (const itemIndex of items) outcomes.fail(itemIndex, error);
			}
		}
	}
	return outcomes.toOutput();
}
