import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError, toNodeError } from '../../../shared/node/errors';
import { mapItems } from '../../../shared/node/items';
import { readBinaryText } from '../../binaryText';
import { emailColumnIndex, parseCsv } from '../../csv';
import { withIsoDates } from '../../dates';
import { fieldsParameter, upsertSubscriber, type SubscriberInput } from '../../subscribers';
import {
	apiPath,
	getTask,
	newsletterData,
	newsletterRequest,
	taskIdOf,
	waitForTask,
	type NewsletterClient,
} from '../../transport';
import { isEmail, readEmail, requireKnown } from '../../validation';
import {
	forOperation,
	getOptions,
	groupLocator,
	LABELS,
	locatorId,
	readFields,
	readWait,
	showFor,
	waitOptions,
} from '../common';

const forSource = (source: string, properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, source: [source] } },
	}));

export const description = forOperation(showFor('mailingList', 'importSubscribers'), [
	groupLocator('The mailing list the subscribers are added to'),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'One subscriber per input item, created or updated one by one',
			},
			{
				name: 'CSV File',
				value: 'csv',
				description:
					'A CSV file of the input item, uploaded and imported by Infomaniak in the background',
			},
		],
		default: 'items',
	},
	...forSource('items', [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '={{ $json.email }}',
			required: true,
			description: 'The e-mail address of the subscriber each item stands for',
		},
		fieldsParameter,
	]),
	...forSource('csv', [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'The binary property of the input item that holds the CSV file',
		},
		{
			displayName: 'CSV Options',
			name: 'csvOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Email Column',
					name: 'emailColumn',
					type: 'string',
					default: 'email',
					description:
						'The header of the column holding the addresses ("email" also finds "e-mail" and "mail"); every other column becomes a text field of that name',
				},
				{
					displayName: 'Enclosure',
					name: 'enclosure',
					type: 'string',
					default: '"',
					description: 'The character around values that contain the separator',
				},
				{
					displayName: 'Replace Fields',
					name: 'replaceFields',
					type: 'boolean',
					default: true,
					description: "Whether existing subscribers' fields take the file's values",
				},
				{
					displayName: 'Separator',
					name: 'separator',
					type: 'string',
					default: ',',
					description: 'The character between values',
				},
			],
		},
		...waitOptions,
	]),
]);

const ITEM_PARAMETERS = ['Email', 'Subscriber Fields', LABELS.groupId];

/**
 * Items: every item is read and checked first (addresses, fields, the list), so that bad input
 * sends nothing; then one create-or-update per item, each paced by the transport.
 */
async function importItems(
	ctx: IExecuteFunctions,
	getClient: () => Promise<NewsletterClient>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const inputs: Array<{ input: SubscriberInput } | { error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const email = readEmail(ctx, 'email', itemIndex, 'Email');
			const fields = readFields(
				ctx,
				ctx.getNodeParameter('fields', itemIndex, {}),
				'fields',
				itemIndex,
				'Subscriber Fields',
			);
			const groupId = locatorId(ctx, 'groupId', itemIndex);
			inputs.push({ input: { email, fields, groups: [groupId] } });
		} catch (error) {
			inputs.push({ error });
		}
	}
	let client: NewsletterClient | undefined;
	for (const [itemIndex, entry] of inputs.entries()) {
		if ('error' in entry) continue;
		try {
			client ??= await getClient();
			await requireKnown(
				ctx,
				client,
				'groups',
				entry.input.groups!,
				'groupId',
				itemIndex,
				LABELS.groupId,
			);
		} catch (error) {
			inputs[itemIndex] = { error };
		}
	}
	const failed = inputs.findIndex((entry) => 'error' in entry);
	if (failed >= 0 && !ctx.continueOnFail())
		throw toNodeError(ctx.getNode(), (inputs[failed] as { error: unknown }).error, failed);
	return await mapItems(ctx, async (itemIndex) => {
		const entry = inputs[itemIndex];
		if ('error' in entry) throw entry.error;
		const subscriber = await upsertSubscriber(ctx, client!, entry.input, ITEM_PARAMETERS);
		return { ...subscriber, groupId: entry.input.groups![0] };
	});
}

function oneCharacter(
	ctx: IExecuteFunctions,
	options: IDataObject,
	key: 'separator' | 'enclosure',
	fallback: string,
	itemIndex: number,
): string {
	const value = options[key] === undefined ? fallback : String(options[key]);
	if (value.length !== 1)
		throw parameterError(
			ctx.getNode(),
			`csvOptions.${key}`,
			`give exactly one character, not "${value}"`,
			itemIndex,
			key === 'separator' ? 'Separator' : 'Enclosure',
		);
	return value;
}

/** The id the upload answer carries: `{upload_id}` / `{id}`, a bare number, or a list holding it. */
export function uploadIdOf(data: unknown): number | undefined {
	if (typeof data === 'number') return Number.isInteger(data) ? data : undefined;
	if (typeof data === 'string') return /^\d+$/.test(data) ? Number(data) : undefined;
	if (Array.isArray(data)) return data.map(uploadIdOf).find((id) => id !== undefined);
	if (data && typeof data === 'object') {
		const object = data as IDataObject;
		return uploadIdOf(object.upload_id ?? object.id);
	}
	return undefined;
}

/** The CSV of one item: checked, uploaded, then imported into the list (Infomaniak's task). */
async function importCsv(ctx: IExecuteFunctions, client: NewsletterClient, itemIndex: number) {
	const groupId = locatorId(ctx, 'groupId', itemIndex);
	const options = getOptions(ctx, itemIndex, 'csvOptions');
	const separator = oneCharacter(ctx, options, 'separator', ',', itemIndex);
	const enclosure = oneCharacter(ctx, options, 'enclosure', '"', itemIndex);
	const wait = readWait(ctx, itemIndex);
	const text = await readBinaryText(ctx, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	const rows = parseCsv(text, separator, enclosure);
	if (rows.length < 2)
		throw parameterError(
			ctx.getNode(),
			'binaryPropertyName',
			'the CSV file has no subscriber rows (a header line and at least one row are needed)',
			itemIndex,
			'Input Binary Field',
		);
	const header = rows[0].map((name) => name.trim());
	const wanted = String(options.emailColumn ?? 'email').trim() || 'email';
	const emailIndex = emailColumnIndex(header, wanted);
	if (emailIndex < 0)
		throw parameterError(
			ctx.getNode(),
			'csvOptions.emailColumn',
			`the CSV file has no column "${wanted}" (its columns: ${header.join(', ')})`,
			itemIndex,
			'Email Column',
		);
	const invalid = rows
		.slice(1)
		.map((row, index) => ({ line: index + 2, email: (row[emailIndex] ?? '').trim() }))
		.filter((row) => !isEmail(row.email));
	if (invalid.length > 0)
		throw parameterError(
			ctx.getNode(),
			'binaryPropertyName',
			`${invalid.length} row(s) of the CSV file have no valid e-mail address (${invalid
				.slice(0, 5)
				.map((row) => `line ${row.line}: "${row.email}"`)
				.join(', ')}${invalid.length > 5 ? ', …' : ''}); nothing was imported`,
			itemIndex,
			'Input Binary Field',
		);
	await requireKnown(ctx, client, 'groups', [groupId], 'groupId', itemIndex, LABELS.groupId);

	const upload = await newsletterData<unknown>(ctx, client, {
		method: 'POST',
		path: apiPath`/subscribers/import/upload`,
		body: { content: text },
		invalid: ['Input Binary Field'],
	});
	const uploadId = uploadIdOf(upload);
	if (uploadId === undefined)
		throw new NodeOperationError(
			ctx.getNode(),
			'Infomaniak accepted the CSV file but returned no upload ID',
			{
				itemIndex,
				description: `Its answer: ${JSON.stringify(upload).slice(0, 300)}`,
			},
		);
	// one field per column, in order: the e-mail column, then the others as text fields of their name
	const fields = header.map((name, index) =>
		index === emailIndex ? { type: 'email', name: 'email' } : { type: 'text', name },
	);
	const response = await newsletterRequest(ctx, client, {
		method: 'POST',
		path: apiPath`/subscribers/import`,
		body: {
			upload_id: uploadId,
			fields,
			groups: [groupId],
			csv_separator: separator,
			csv_enclosure: enclosure,
			replace_fields: options.replaceFields !== false,
		},
		invalid: ['Input Binary Field', 'CSV Options', LABELS.groupId],
		notFound: LABELS.groupId,
	});
	const taskId = taskIdOf(response);
	const summary = { groupId, uploadId, rows: rows.length - 1, columns: header };
	if (!taskId) return { ...summary, result: response.result, data: response.data ?? null };
	const task =
		wait === undefined
			? await getTask(ctx, client, taskId)
			: await waitForTask(ctx, client, taskId, wait, itemIndex);
	return { ...summary, taskId, task: withIsoDates(task) };
}

export async function executeAll(
	this: IExecuteFunctions,
	client: () => Promise<NewsletterClient>,
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('source', 0, 'items') !== 'csv') return await importItems(this, client);
	return await mapItems(
		this,
		async (itemIndex) => await importCsv(this, await client(), itemIndex),
	);
}
