import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid } from '../../validation';

/** Bucket settings, as a collection (create: "Settings", update: "Settings to Change"). */
export function settingsCollection(displayName: string, name: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		options: [
			{
				displayName: 'Max Block Records',
				name: 'maxBlockRecords',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1024,
				description: 'Maximum number of records in a block',
			},
			{
				displayName: 'Max Block Size (Bytes)',
				name: 'maxBlockSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 64000000,
				description: 'Maximum size of a data block',
			},
			{
				displayName: 'Quota Size (Bytes)',
				name: 'quotaSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Size of the quota. With FIFO the oldest data is removed beyond it; with HARD writes fail.',
			},
			{
				displayName: 'Quota Type',
				name: 'quotaType',
				type: 'options',
				options: [
					{ name: 'None', value: 'NONE', description: 'No quota' },
					{
						name: 'FIFO',
						value: 'FIFO',
						description: 'Remove the oldest data when the quota is exceeded',
					},
					{ name: 'Hard', value: 'HARD', description: 'Refuse writes beyond the quota' },
				],
				default: 'NONE',
			},
		],
	};
}

const NUMBERS: Array<[string, string]> = [
	['maxBlockSize', 'max_block_size'],
	['maxBlockRecords', 'max_block_records'],
	['quotaSize', 'quota_size'],
];

/** The settings JSON the Bucket API expects, from the collection's values (only those set). */
export function readSettings(
	ctx: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
): IDataObject {
	const values = ctx.getNodeParameter(parameter, itemIndex, {}) as IDataObject;
	const settings: IDataObject = {};
	for (const [from, to] of NUMBERS) {
		if (values[from] === undefined || values[from] === '') continue;
		const value = Number(values[from]);
		if (!Number.isSafeInteger(value) || value < 0 || (from !== 'quotaSize' && value === 0)) {
			throw invalid(
				ctx.getNode(),
				from,
				`"${String(values[from])}" is not a positive whole number`,
				itemIndex,
			);
		}
		settings[to] = value;
	}
	if (values.quotaType !== undefined) {
		if (!['NONE', 'FIFO', 'HARD'].includes(String(values.quotaType))) {
			throw invalid(
				ctx.getNode(),
				'quotaType',
				`"${String(values.quotaType)}" is not NONE, FIFO or HARD`,
				itemIndex,
			);
		}
		settings.quota_type = values.quotaType;
	}
	return settings;
}
