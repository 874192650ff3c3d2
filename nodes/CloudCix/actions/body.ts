import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';
import { parseJsonParameter } from '../../shared/node/parameters';

/**
 * The data of Create, Update and Partial Update: a JSON object, or fields with a type each.
 * Checked before anything is sent: JSON that does not parse or is not an object is refused.
 */

export function bodyParameters(verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Specify Data',
			name: 'specifyBody',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'json',
			description: `How to give the data to ${verb}`,
		},
		{
			displayName: 'JSON',
			name: 'jsonBody',
			type: 'json',
			default: '{\n  "name": ""\n}',
			required: true,
			description:
				"The record's fields as a JSON object, as CloudCIX's API reference describes them",
			displayOptions: { show: { specifyBody: ['json'] } },
		},
		{
			displayName: 'Fields',
			name: 'bodyFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { specifyBody: ['fields'] } },
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. name',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Boolean', value: 'boolean' },
								{ name: 'JSON (Array, Object, Null)', value: 'json' },
								{ name: 'Number', value: 'number' },
								{ name: 'Text', value: 'string' },
							],
							default: 'string',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

function fieldValue(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	type: string,
	raw: unknown,
): unknown {
	const fail = (problem: string) =>
		parameterError(ctx.getNode(), 'bodyFields', `field ${name}: ${problem}`, itemIndex, 'Fields');
	if (type !== 'string' && typeof raw !== 'string') return raw; // an expression gave the value itself
	const value = String(raw ?? '');
	switch (type) {
		case 'number': {
			const number = Number(value.trim());
			if (value.trim() === '' || !Number.isFinite(number)) throw fail(`"${value}" is not a number`);
			return number;
		}
		case 'boolean':
			if (!/^(true|false)$/i.test(value.trim())) throw fail(`"${value}" is not true or false`);
			return value.trim().toLowerCase() === 'true';
		case 'json':
			try {
				return JSON.parse(value);
			} catch (error) {
				throw fail(`the value is not JSON (${(error as Error).message})`);
			}
		default:
			return raw === undefined || raw === null ? '' : raw;
	}
}

/** The JSON object to send (Partial Update sends only these fields). */
export function readBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = ctx.getNodeParameter('specifyBody', itemIndex, 'json') as string;
	if (mode === 'fields') {
		const rows = ctx.getNodeParameter('bodyFields.field', itemIndex, []) as IDataObject[];
		const body: IDataObject = {};
		for (const row of rows) {
			const name = String(row.name ?? '').trim();
			if (name === '')
				throw parameterError(
					ctx.getNode(),
					'bodyFields',
					'a field has no name',
					itemIndex,
					'Fields',
				);
			if (name in body)
				throw parameterError(
					ctx.getNode(),
					'bodyFields',
					`field ${name} is given twice`,
					itemIndex,
					'Fields',
				);
			body[name] = fieldValue(ctx, itemIndex, name, String(row.type ?? 'string'), row.value) as
				IDataObject | string;
		}
		return body;
	}
	const raw = ctx.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	const parsed = parseJsonParameter(ctx.getNode(), 'jsonBody', raw, itemIndex, {
		blank: {},
		displayName: 'JSON',
	});
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw parameterError(
			ctx.getNode(),
			'jsonBody',
			'it must be a JSON object of field names and values, like {"name": "Sales"}',
			itemIndex,
			'JSON',
		);
	}
	return parsed as IDataObject;
}
