/**
 * Turns OpenAPI 3.0 schema objects into plain JSON Schema (draft-07) that ajv can compile.
 *
 * OpenAPI 3.0 is not JSON Schema; the differences that matter for Coda's document are:
 *  - `nullable: true` (no `null` type in OAS 3.0)            → anyOf [schema, {type: null}]
 *  - `$ref` siblings are ignored in OAS 3.0                   → siblings dropped
 *  - `x-*`, `example`, `discriminator`, `xml`, `externalDocs` → dropped
 *  - `oneOf`: Coda's branches overlap (CellValue = Value | RichValue, both accept scalars;
 *    ColumnFormat lists SimpleColumnFormat whose `type` accepts every format type), so strict
 *    "exactly one" semantics would reject every valid payload                → anyOf
 *  - `allOf` of closed objects (`additionalProperties: false` in every member) is the
 *    generator's way to say "intersection type"; in JSON Schema it is unsatisfiable as soon as
 *    two members declare different properties                              → merged into one object
 * `$ref`s to `#/components/...` are rewritten to `<docId>#/components/...` so that every schema
 * can be compiled on its own against the document registered under `docId` in ajv.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DROPPED_KEYS = new Set([
	'example',
	'examples',
	'discriminator',
	'xml',
	'externalDocs',
	'nullable',
]);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_KEYS = new Set([
	'additionalProperties',
	'items',
	'not',
	'propertyNames',
	'contains',
	'if',
	'then',
	'else',
]);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);

export class SchemaNormalizer {
	private readonly componentCache = new Map<string, JsonObject>();

	constructor(
		private readonly components: JsonObject,
		private readonly docId: string,
	) {}

	/** Normalized `#/components/schemas/<name>` (memoized). */
	component(name: string): JsonObject {
		const cached = this.componentCache.get(name);
		if (cached) return cached;
		const raw = (this.components.schemas as JsonObject | undefined)?.[name];
		if (!isObject(raw)) throw new Error(`Unknown schema component ${name}`);
		const placeholder: JsonObject = {};
		this.componentCache.set(name, placeholder);
		Object.assign(placeholder, this.normalize(raw));
		return placeholder;
	}

	normalize(schema: unknown): JsonObject {
		if (!isObject(schema)) return {};
		if (typeof schema.$ref === 'string') {
			const ref: JsonObject = { $ref: this.rewriteRef(schema.$ref) };
			return schema.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
		}
		const out: JsonObject = {};
		for (const [key, value] of Object.entries(schema)) {
			if (key.startsWith('x-') || DROPPED_KEYS.has(key)) continue;
			if (SCHEMA_MAP_KEYS.has(key) && isObject(value)) {
				out[key] = Object.fromEntries(
					Object.entries(value).map(([k, v]) => [k, this.normalize(v)]),
				);
			} else if (SCHEMA_KEYS.has(key) && isObject(value)) {
				out[key] = this.normalize(value);
			} else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
				out[key === 'oneOf' ? 'anyOf' : key] = value.map((v) => this.normalize(v));
			} else {
				out[key] = value;
			}
		}
		const merged = Array.isArray(out.allOf) ? this.mergeAllOf(out) : out;
		return schema.nullable === true ? addNull(merged) : merged;
	}

	private rewriteRef(ref: string): string {
		return ref.startsWith('#/') ? `${this.docId}${ref}` : ref;
	}

	/** Resolves a normalized member to the object schema it stands for (following `$ref`s). */
	private resolveMember(member: JsonObject): JsonObject {
		const prefix = `${this.docId}#/components/schemas/`;
		let current = member;
		for (
			let i = 0;
			i < 20 && typeof current.$ref === 'string' && current.$ref.startsWith(prefix);
			i++
		) {
			current = this.component(current.$ref.slice(prefix.length));
		}
		return current;
	}

	private mergeAllOf(schema: JsonObject): JsonObject {
		const members = (schema.allOf as JsonObject[]).map((m) => this.resolveMember(m));
		if (!members.every(isMergeableObject)) return schema;
		if (!members.some((m) => m.additionalProperties === false)) return schema;
		const result: JsonObject = { ...schema, type: 'object' };
		delete result.allOf;
		const properties: JsonObject = {};
		const required = new Set<string>();
		for (const member of members) {
			for (const [name, prop] of Object.entries((member.properties as JsonObject) ?? {})) {
				properties[name] =
					name in properties && JSON.stringify(properties[name]) !== JSON.stringify(prop)
						? { allOf: [properties[name], prop] }
						: prop;
			}
			for (const name of (member.required as string[]) ?? []) required.add(name);
			for (const [key, value] of Object.entries(member)) {
				if (
					!['properties', 'required', 'additionalProperties', 'type'].includes(key) &&
					!(key in result)
				) {
					result[key] = value;
				}
			}
		}
		result.properties = properties;
		if (required.size) result.required = [...required];
		result.additionalProperties = false;
		return result;
	}
}

function isMergeableObject(schema: JsonObject): boolean {
	if (schema.type !== undefined && schema.type !== 'object') return false;
	if (['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if'].some((k) => k in schema)) return false;
	return (
		schema.additionalProperties === undefined || typeof schema.additionalProperties === 'boolean'
	);
}

function addNull(schema: JsonObject): JsonObject {
	if (typeof schema.type === 'string' && !('enum' in schema))
		return { ...schema, type: [schema.type, 'null'] };
	return { anyOf: [schema, { type: 'null' }] };
}
