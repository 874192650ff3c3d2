import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';

/**
 * Search and exclude conditions of List and Get All, encoded as CloudCIX's framework reads
 * them (`cloudcix_rest/controllers.py`): `search[field__lookup]=value` keeps matching records,
 * `exclude[field__lookup]=value` drops them; `exact` is the bare field (`search[name]=x`);
 * `in` and `range` take comma-separated values, `range` exactly two; `isnull` true or false;
 * date parts an integer. CloudCIX keeps the last of repeated keys, so a repeated condition
 * is refused rather than silently dropped.
 */

export const LOOKUPS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Contains', value: 'contains', description: 'Contains the text (case-sensitive)' },
	{ name: 'Contains (Any Case)', value: 'icontains', description: 'Contains the text' },
	{ name: 'Day', value: 'day', description: 'Day of the month of a date equals' },
	{ name: 'Ends With', value: 'endswith', description: 'Ends with the text (case-sensitive)' },
	{ name: 'Ends With (Any Case)', value: 'iendswith', description: 'Ends with the text' },
	{ name: 'Equals', value: 'exact', description: 'Equals the value' },
	{ name: 'Equals (Any Case)', value: 'iexact', description: 'Equals the text in any case' },
	{ name: 'Greater Than', value: 'gt', description: 'Greater than the value' },
	{ name: 'Greater Than or Equal', value: 'gte', description: 'At least the value' },
	{ name: 'Hour', value: 'hour', description: 'Hour of a date-time equals' },
	{ name: 'In List', value: 'in', description: 'One of the comma-separated values' },
	{ name: 'Is Null', value: 'isnull', description: 'Empty (true) or set (false)' },
	{ name: 'Less Than', value: 'lt', description: 'Less than the value' },
	{ name: 'Less Than or Equal', value: 'lte', description: 'At most the value' },
	{ name: 'Minute', value: 'minute', description: 'Minute of a date-time equals' },
	{ name: 'Month', value: 'month', description: 'Month of a date equals' },
	{ name: 'Range', value: 'range', description: 'Between two comma-separated values, inclusive' },
	{ name: 'Regex', value: 'regex', description: 'Matches the regular expression' },
	{
		name: 'Regex (Any Case)',
		value: 'iregex',
		description: 'Matches the regular expression in any case',
	},
	{
		name: 'Starts With',
		value: 'startswith',
		description: 'Starts with the text (case-sensitive)',
	},
	{ name: 'Starts With (Any Case)', value: 'istartswith', description: 'Starts with the text' },
	{
		name: 'Week Day',
		value: 'week_day',
		description: 'Day of the week of a date (1 = Sunday) equals',
	},
	{ name: 'Year', value: 'year', description: 'Year of a date equals' },
];

const LOOKUP_VALUES = new Set(LOOKUPS.map((lookup) => lookup.value));
const INTEGER_LOOKUPS = new Set(['year', 'month', 'day', 'week_day', 'hour', 'minute']);
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const filterParameters: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description:
			"Search and exclude conditions; the service's allowed fields and lookups are in CloudCIX's API reference. A condition CloudCIX does not allow is skipped and reported in the output's _warnings.",
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{
						displayName: 'Keep or Drop',
						name: 'mode',
						type: 'options',
						options: [
							{
								name: 'Exclude (Drop Matching Records)',
								value: 'exclude',
							},
							{
								name: 'Search (Keep Matching Records)',
								value: 'search',
							},
						],
						default: 'search',
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. name',
						description: 'The field to compare; related fields with __, e.g. address__name',
					},
					{
						displayName: 'Lookup',
						name: 'lookup',
						type: 'options',
						options: LOOKUPS,
						default: 'exact',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'For In List and Range: comma-separated values (or a JSON array); for Is Null: true or false',
					},
				],
			},
		],
	},
];

function listValues(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim());
	const text = String(value ?? '').trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return parsed.map((entry) => String(entry).trim());
		} catch {
			// not JSON: read it as a comma-separated list
		}
	}
	return text
		.replace(/^[([]|[)\]]$/g, '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The query parameters of the Filters, or a parameter error before anything is sent. */
export function readFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const rows = ctx.getNodeParameter('filters.conditions', itemIndex, []) as IDataObject[];
	const qs: IDataObject = {};
	rows.forEach((row, index) => {
		const where = `condition ${index + 1} of Filters`;
		const fail = (parameter: string, label: string, problem: string) =>
			parameterError(ctx.getNode(), parameter, `${where}: ${problem}`, itemIndex, label);
		const mode = String(row.mode ?? 'search');
		if (mode !== 'search' && mode !== 'exclude')
			throw fail('mode', 'Keep or Drop', `"${mode}" is neither search nor exclude`);
		const field = String(row.field ?? '').trim();
		if (!FIELD.test(field))
			throw fail(
				'field',
				'Field',
				field === '' ? 'it is empty' : `"${field}" is not a field name like name or address__name`,
			);
		const lookup = String(row.lookup ?? 'exact').trim();
		if (!LOOKUP_VALUES.has(lookup))
			throw fail(
				'lookup',
				'Lookup',
				`"${lookup}" is not a lookup CloudCIX knows (${[...LOOKUP_VALUES].join(', ')})`,
			);
		let value: string;
		if (lookup === 'in' || lookup === 'range') {
			const values = listValues(row.value);
			if (values.length === 0) throw fail('value', 'Value', 'give at least one value');
			if (lookup === 'range' && values.length !== 2)
				throw fail('value', 'Value', `a range takes two values, got ${values.length}`);
			if (values.some((entry) => entry.includes(',')))
				throw fail('value', 'Value', 'CloudCIX cannot match values that contain a comma');
			value = values.join(',');
		} else if (lookup === 'isnull') {
			value = String(row.value ?? '')
				.trim()
				.toLowerCase();
			if (value !== 'true' && value !== 'false')
				throw fail('value', 'Value', `Is Null takes true or false, not "${String(row.value)}"`);
		} else if (INTEGER_LOOKUPS.has(lookup)) {
			value = String(row.value ?? '').trim();
			if (!/^-?\d+$/.test(value))
				throw fail('value', 'Value', `${lookup} takes a whole number, not "${value}"`);
		} else {
			value = typeof row.value === 'string' ? row.value : String(row.value ?? '');
		}
		const key = `${mode}[${lookup === 'exact' ? field : `${field}__${lookup}`}]`;
		if (key in qs) throw fail('field', 'Field', `${key} is already set by another condition`);
		qs[key] = value;
	});
	return qs;
}
