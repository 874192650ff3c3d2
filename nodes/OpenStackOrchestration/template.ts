import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { nameValueList } from '../shared/node/description';
import { parameterError } from '../shared/node/errors';
import { getBinaryField } from '../shared/node/binary';
import { parseJsonParameter } from '../shared/node/parameters';
import { openStackFault } from '../shared/openstack/faults';
import { httpStatusOf, openStackSession } from '../shared/openstack/request';

/**
 * The template, environment and parameters of create, update and validate. Heat reads the
 * template and environment itself (YAML or JSON text, sent as it is); what Heat refuses
 * becomes an error naming the parameter that holds it.
 */

export type TemplateSource = 'text' | 'binary' | 'existing';

const TEMPLATE_PLACEHOLDER = `heat_template_version: 2018-08-31
resources:
  password:
    type: OS::Heat::RandomString
outputs:
  password:
    value: { get_attr: [password, value] }`;

const TEXT_SOURCE = {
	name: 'Text (YAML or JSON)',
	value: 'text',
	description: 'The template typed in or from an expression',
};
const BINARY_SOURCE = {
	name: 'Binary File',
	value: 'binary',
	description: 'A template file in a binary field of the input item',
};

const templateFields: INodeProperties[] = [
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 10 },
		default: '',
		required: true,
		placeholder: TEMPLATE_PLACEHOLDER,
		description: 'A Heat Orchestration Template (HOT) in YAML, or a template in JSON',
		hint: 'Heat reads it: YAML or JSON it cannot read is refused with its reason, and nothing is created',
		displayOptions: { show: { templateSource: ['text'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		description: 'The binary field of the input item that holds the template file',
		displayOptions: { show: { templateSource: ['binary'] } },
	},
];

/** Template Source (text or binary file) and its field, for create and validate. */
export const templateParameters: INodeProperties[] = [
	{
		displayName: 'Template Source',
		name: 'templateSource',
		type: 'options',
		options: [TEXT_SOURCE, BINARY_SOURCE],
		default: 'text',
	},
	...templateFields,
];

/** The same for update, which can also keep the stack's current template. */
export const updateTemplateParameters: INodeProperties[] = [
	{
		displayName: 'Template Source',
		name: 'templateSource',
		type: 'options',
		options: [
			{
				name: 'Keep Current Template',
				value: 'existing',
				description: "Only change parameters or the environment; the stack's template stays",
			},
			TEXT_SOURCE,
			BINARY_SOURCE,
		],
		default: 'existing',
	},
	...templateFields,
];

export const parametersParameters: INodeProperties[] = [
	{
		displayName: 'Specify Parameters',
		name: 'specifyParameters',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Using Fields Below', value: 'keyValue' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'none',
		description: "How to give values for the template's parameters",
	},
	{
		...nameValueList(
			'Parameters',
			'parameters',
			'Add parameter',
			'Values for the parameters the template declares',
		),
		displayOptions: { show: { specifyParameters: ['keyValue'] } },
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'parametersJson',
		type: 'json',
		default: '{}',
		placeholder: '{ "flavor": "a1-ram2-disk20-perf1", "count": 2 }',
		description: 'A JSON object: parameter name → value',
		displayOptions: { show: { specifyParameters: ['json'] } },
	},
];

export const environmentOption: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'parameter_defaults:\n  key_name: my-key',
	description:
		'A Heat environment in YAML or JSON (parameters, parameter_defaults, resource_registry…)',
};

const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** Where the template came from, for error messages. */
export interface TemplateInput {
	template?: string;
	label: string;
}

/** The template text (or nothing, to keep the current one), as Heat is to read it. */
export async function readTemplate(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<TemplateInput> {
	const source = ctx.getNodeParameter('templateSource', itemIndex, 'text') as TemplateSource;
	if (source === 'existing') return { label: 'Template Source' };
	if (source === 'binary') {
		const label = 'Input Binary Field';
		const property = getBinaryField(ctx, itemIndex, label);
		const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) {
			throw parameterError(
				ctx.getNode(),
				'binaryPropertyName',
				`the input item has no binary field "${property}"`,
				itemIndex,
				label,
			);
		}
		let buffer: Buffer;
		if (binary.id) {
			const { fileSize } = await ctx.helpers.getBinaryMetadata(binary.id);
			if (fileSize > MAX_TEMPLATE_BYTES) {
				throw parameterError(
					ctx.getNode(),
					'binaryPropertyName',
					`the file "${binary.fileName ?? property}" is ${fileSize} bytes; a Heat template is text of at most a few hundred KB`,
					itemIndex,
					label,
				);
			}
			buffer = await ctx.helpers.binaryToBuffer(await ctx.helpers.getBinaryStream(binary.id));
		} else {
			buffer = Buffer.from(binary.data, BINARY_ENCODING);
		}
		const template = buffer.toString('utf8').replace(/^\uFEFF/, '');
		if (template.trim() === '')
			throw parameterError(
				ctx.getNode(),
				'binaryPropertyName',
				`the file "${binary.fileName ?? property}" is empty`,
				itemIndex,
				label,
			);
		return { template, label };
	}
	const raw = ctx.getNodeParameter('template', itemIndex, '') as unknown;
	const template =
		typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw ?? '');
	if (template.trim() === '')
		throw parameterError(ctx.getNode(), 'template', 'it must not be empty', itemIndex, 'Template');
	return { template, label: 'Template' };
}

/** The environment text of `options.environment`, or an object from an expression; undefined when empty. */
export function readEnvironment(
	ctx: IExecuteFunctions,
	itemIndex: number,
): string | IDataObject | undefined {
	const raw = ctx.getNodeParameter('options.environment', itemIndex, '') as unknown;
	if (typeof raw === 'object' && raw !== null) return raw as IDataObject;
	const text = String(raw ?? '');
	return text.trim() === '' ? undefined : text;
}

/** The parameter values, from the fields or the JSON; undefined when none are given. */
export function readParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const mode = ctx.getNodeParameter('specifyParameters', itemIndex, 'none') as string;
	if (mode === 'keyValue') {
		const list = ctx.getNodeParameter('parameters', itemIndex, {}) as {
			entry?: Array<{ name?: string; value?: unknown }>;
		};
		const values: IDataObject = {};
		for (const { name, value } of list.entry ?? []) {
			const key = String(name ?? '').trim();
			if (!key)
				throw parameterError(
					ctx.getNode(),
					'parameters',
					'every parameter needs a name',
					itemIndex,
					'Parameters',
				);
			values[key] = value as IDataObject[string];
		}
		return Object.keys(values).length > 0 ? values : undefined;
	}
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('parametersJson', itemIndex, '{}') as unknown;
		const parsed = parseJsonParameter(ctx.getNode(), 'parametersJson', raw, itemIndex, {
			blank: {},
			displayName: 'Parameters (JSON)',
		});
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw parameterError(
				ctx.getNode(),
				'parametersJson',
				'it must be a JSON object of parameter names and values, e.g. { "count": 2 }',
				itemIndex,
				'Parameters (JSON)',
			);
		}
		return Object.keys(parsed).length > 0 ? (parsed as IDataObject) : undefined;
	}
	return undefined;
}

/**
 * Heat's refusal of what was sent, restated to name the parameter that holds the problem:
 * the template (or its binary field), the environment or the parameters. A 500 (Heat gives no
 * reason) while an application credential is in use gets the likely cause: Heat creates a
 * Keystone trust for each stack, and Keystone refuses trusts to application-credential tokens
 * (current releases even to unrestricted ones; found on Keystone 22 with its security fix).
 */
export async function heatRefusal(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	template: TemplateInput,
): Promise<NodeApiError | NodeOperationError> {
	const status = httpStatusOf(error);
	const apiError = error instanceof NodeApiError ? error : undefined;
	const fault = apiError ? openStackFault(apiError.context.providerBody) : undefined;
	if (status === 400 && fault) {
		const node = ctx.getNode();
		const unreadable = /^(Template|Environment) not in valid format: ?(.*)$/s.exec(fault);
		if (unreadable?.[1] === 'Environment')
			return parameterError(
				node,
				'options.environment',
				`Heat could not read it as YAML or JSON: ${unreadable[2]}`,
				itemIndex,
				'Environment',
			);
		if (unreadable)
			return parameterError(
				node,
				'template',
				`Heat could not read it as YAML or JSON: ${unreadable[2]}`,
				itemIndex,
				template.label,
			);
		if (/^(The Parameter \(|Parameter ')/.test(fault))
			return parameterError(node, 'parameters', fault, itemIndex, 'Parameters');
		return parameterError(node, 'template', fault, itemIndex, template.label);
	}
	if (status === 500 && apiError) {
		const session = await openStackSession(ctx);
		if (session.methods.includes('application_credential')) {
			apiError.description =
				'Heat gave no reason. A likely one: Heat creates a Keystone trust for each stack, and Keystone refuses trusts to tokens of application credentials (on current releases even unrestricted ones). Use password authentication in the OpenStack credential for stacks.';
		}
		return apiError;
	}
	if (apiError) return apiError;
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
