import type { INodeProperties } from 'n8n-workflow';

/** How rows are returned: column names instead of IDs, and the value format. */
export const rowReadOptions: INodeProperties[] = [
	{
		displayName: 'Use Column Names',
		name: 'useColumnNames',
		type: 'boolean',
		default: false,
		description:
			'Whether to key the values by column name instead of column ID (names break when columns are renamed)',
	},
	{
		displayName: 'Value Format',
		name: 'valueFormat',
		type: 'options',
		options: [
			{
				name: 'Simple',
				value: 'simple',
				description: 'Plain values; lists become comma-separated text',
			},
			{
				name: 'Simple With Arrays',
				value: 'simpleWithArrays',
				description: 'Plain values; lists stay arrays',
			},
			{
				name: 'Rich',
				value: 'rich',
				description: 'Structured values (people, links, currencies, lookups)',
			},
		],
		default: 'simple',
		description: 'The format of the cell values',
	},
];
