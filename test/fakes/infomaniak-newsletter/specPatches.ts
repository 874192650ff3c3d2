import { isObject, type JsonObject } from '../coda/specNormalize';

/**
 * Every correction made to Infomaniak's OpenAPI document before the fake validates against it,
 * with its reason: the one place where the fake departs from the published text. Each patch
 * fixes a place where the document is wrong (it contradicts itself, its own descriptions or
 * examples, or what working clients send) or silent (an answer whose shape it does not give).
 * The integration test shows each problem still exists in the unpatched document, so a patch
 * that upstream makes unnecessary is noticed.
 */
export interface SpecPatch {
	id: string;
	reason: string;
	apply(spec: JsonObject): void;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function schema(spec: JsonObject, name: string): JsonObject {
	const found = ((spec.components as JsonObject).schemas as JsonObject)[name];
	if (!isObject(found)) throw new Error(`spec patch: schema ${name} not found`);
	return found;
}

function operation(spec: JsonObject, method: string, path: string): JsonObject {
	const found = ((spec.paths as JsonObject)[path] as JsonObject | undefined)?.[method];
	if (!isObject(found)) throw new Error(`spec patch: ${method.toUpperCase()} ${path} not found`);
	return found;
}

function operations(spec: JsonObject): JsonObject[] {
	return Object.values(spec.paths as JsonObject).flatMap((item) =>
		HTTP_METHODS.map((method) => (item as JsonObject)[method]).filter(isObject),
	);
}

function jsonBody(op: JsonObject): JsonObject {
	return ((((op.requestBody as JsonObject).content as JsonObject)['application/json'] as JsonObject)
		.schema ?? {}) as JsonObject;
}

/** The `data` member of a 200 answer built as allOf [Response, {properties: {data}}]. */
function answerData(op: JsonObject, status = '200'): JsonObject {
	const media = (((op.responses as JsonObject)[status] as JsonObject).content as JsonObject)[
		'application/json'
	] as JsonObject;
	const members = (media.schema as JsonObject).allOf as JsonObject[];
	let holder = members.find((member) => isObject((member.properties as JsonObject)?.data));
	if (!holder) {
		holder = { type: 'object', properties: {} };
		members.push(holder);
	}
	return holder.properties as JsonObject;
}

const NEWSLETTERS = '/1/newsletters/{domain}';
const ID_OR_NAME = { anyOf: [{ type: 'integer' }, { type: 'string' }] };

/** The error envelope Infomaniak answers with, whatever the status. */
const ERROR_ANSWER = {
	content: {
		'application/json': {
			schema: {
				allOf: [
					{ $ref: '#/components/schemas/ErrorResponse' },
					{
						type: 'object',
						required: ['error'],
						properties: {
							error: {
								type: 'object',
								required: ['code'],
								properties: { code: { type: 'string' }, description: { type: 'string' } },
							},
						},
					},
				],
			},
		},
	},
};

export const NEWSLETTER_SPEC_PATCHES: SpecPatch[] = [
	{
		id: 'filter-deep-object',
		reason:
			'Every `filter` query parameter is an object declared `style: form, explode: true`, which ' +
			'serializes its properties as bare keys (`search=…&status=…`) that the API does not read ' +
			'as filters; Infomaniak reads PHP bracket notation (`filter[search]=…`), as production ' +
			'clients send it. Declared `style: deepObject`.',
		apply(spec) {
			for (const op of operations(spec)) {
				for (const parameter of (op.parameters as JsonObject[] | undefined) ?? []) {
					if (parameter.in === 'query' && parameter.name === 'filter')
						parameter.style = 'deepObject';
				}
			}
		},
	},
	{
		id: 'error-answers',
		reason:
			'Operations declare at most one or two error statuses, yet any call can be refused with 401 ' +
			'(token), 403 (scope), 404 (unknown id), 422 (validation) or 429 (60 requests per minute); ' +
			'the document defines no shared error responses that operations reference. The error ' +
			'envelope `{result: "error", error: {code, description}}` is declared for those statuses.',
		apply(spec) {
			for (const op of operations(spec)) {
				const responses = op.responses as JsonObject;
				for (const status of ['400', '401', '403', '404', '422', '429'])
					responses[status] ??= structuredClone(ERROR_ANSWER);
			}
		},
	},
	{
		id: 'campaign-object-members',
		reason:
			'Campaign declares `recipients` and `tracking_utm` as "array" although `recipients` lists ' +
			'required keys (all, expert, groups, segments), which only an object has, and the request ' +
			'bodies declare both as objects: the generator wrote PHP arrays as "array". Either form is ' +
			'accepted; and `started_at`, required as an integer, may be null for a campaign never started.',
		apply(spec) {
			const properties = schema(spec, '78d6c681_Campaign').properties as JsonObject;
			for (const name of ['recipients', 'tracking_utm'])
				(properties[name] as JsonObject).type = ['object', 'array'];
			(properties.started_at as JsonObject).nullable = true;
		},
	},
	{
		id: 'subscriber-fields-and-groups',
		reason:
			'Creating or updating a subscriber declares `fields` as an array of strings, while its ' +
			'description says "Object keys must correspond to field\'s key" and its example is ' +
			'`{"firstname": "John", "lastname": "Wick"}`; `groups` items are declared strings while the ' +
			'description and example (`[1234, "my new group"]`) give ids or names. Both widened to match.',
		apply(spec) {
			for (const [method, path] of [
				['post', `${NEWSLETTERS}/subscribers`],
				['put', `${NEWSLETTERS}/subscribers/{subscriber}`],
			]) {
				const properties = jsonBody(operation(spec, method, path)).properties as JsonObject;
				properties.fields = {
					anyOf: [
						{
							type: 'object',
							additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
						},
						{ type: 'array', maxItems: 0 },
					],
				};
				(properties.groups as JsonObject).items = ID_OR_NAME;
			}
		},
	},
	{
		id: 'import-fields-and-groups',
		reason:
			'The import declares `fields` items as strings although each is "the field\'s ID or its ' +
			'description (type and name)", example `[{"type": "str", "name": "enterprise"}, 1]`; its ' +
			'`groups` items likewise hold ids or names. Widened to match.',
		apply(spec) {
			const properties = jsonBody(operation(spec, 'post', `${NEWSLETTERS}/subscribers/import`))
				.properties as JsonObject;
			(properties.fields as JsonObject).items = {
				anyOf: [
					{ type: 'integer' },
					{
						type: 'object',
						required: ['type', 'name'],
						properties: { type: { type: 'string' }, name: { type: 'string' } },
					},
				],
			};
			(properties.groups as JsonObject).items = ID_OR_NAME;
		},
	},
	{
		id: 'upload-answer',
		reason:
			"The CSV upload's answer is declared `data: array of string`, which cannot carry what the " +
			'next call needs, the integer `upload_id` of the import body; the shape is not documented ' +
			'(NOTES §3). The fake answers `{upload_id, columns, rows}` and the node also reads `id`, a ' +
			'bare number or a list holding one.',
		apply(spec) {
			answerData(operation(spec, 'post', `${NEWSLETTERS}/subscribers/import/upload`)).data = {
				type: 'object',
				required: ['upload_id'],
				properties: {
					upload_id: { type: 'integer' },
					columns: { type: 'array', items: { type: 'string' } },
					rows: { type: 'integer' },
				},
			};
		},
	},
	{
		id: 'credit-details-object',
		reason:
			'`/credits/details` is declared `data: array of string`, yet it is a summary that working ' +
			'clients read as an object (`data.total` is the balance); declared as an object whose ' +
			'`total` is an integer.',
		apply(spec) {
			answerData(operation(spec, 'get', `${NEWSLETTERS}/credits/details`)).data = {
				type: 'object',
				required: ['total'],
				properties: { total: { type: 'integer' } },
			};
		},
	},
	{
		id: 'pending-task-timestamps',
		reason:
			'An async task requires integer `executed_at` and `finished_at`, which a task still ' +
			'spooled or running cannot have: both may be null.',
		apply(spec) {
			const properties = schema(spec, '087adaad_AsyncTask').properties as JsonObject;
			for (const name of ['executed_at', 'finished_at'])
				(properties[name] as JsonObject).nullable = true;
		},
	},
];

export function applySpecPatches(
	spec: JsonObject,
	patches: SpecPatch[] = NEWSLETTER_SPEC_PATCHES,
): JsonObject {
	const copy = structuredClone(spec);
	for (const patch of patches) patch.apply(copy);
	return copy;
}
