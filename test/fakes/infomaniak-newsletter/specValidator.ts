import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isObject, type JsonObject } from '../coda/specNormalize';
import { SpecValidator, type OperationMatch, type RequestToValidate } from '../coda/specValidator';
import { applySpecPatches } from './specPatches';

export const NEWSLETTER_SPEC_PATH = join(__dirname, 'infomaniak-newsletter-openapi.json');

/** Infomaniak's OpenAPI document (a copy lives beside this file), patched unless `patched: false`. */
export function loadNewsletterSpec(options: { patched?: boolean } = {}): JsonObject {
	const raw = JSON.parse(readFileSync(NEWSLETTER_SPEC_PATH, 'utf8')) as JsonObject;
	return options.patched === false ? raw : applySpecPatches(raw);
}

/** `filter[status][0]` → ['status', '0']; `filter[status][]` → ['status', '']. */
function bracketPath(key: string): { name: string; path: string[] } | undefined {
	const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (!match) return undefined;
	return { name: match[1], path: [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]) };
}

function place(target: JsonObject, path: string[], value: string): void {
	let node: JsonObject = target;
	path.forEach((segment, index) => {
		const last = index === path.length - 1;
		const key = segment === '' ? String(Object.keys(node).length) : segment;
		if (last) node[key] = value;
		else node = (node[key] ??= {}) as JsonObject;
	});
}

/** Turns the strings of a bracket query into the types its schema declares (objects with index keys → arrays). */
function coerce(value: unknown, schema: JsonObject, resolve: (s: unknown) => JsonObject): unknown {
	const resolved = resolve(schema);
	const type = resolved.type;
	if (isObject(value) && (type === 'array' || Object.keys(value).every((k) => /^\d+$/.test(k)))) {
		const items = Object.keys(value)
			.sort((a, b) => Number(a) - Number(b))
			.map((key) => value[key]);
		const itemSchema = resolve(resolved.items);
		return type === 'array' ? items.map((item) => coerce(item, itemSchema, resolve)) : items;
	}
	if (isObject(value)) {
		const properties = (resolved.properties as JsonObject) ?? {};
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [
				key,
				coerce(entry, (properties[key] as JsonObject) ?? {}, resolve),
			]),
		);
	}
	if (typeof value !== 'string') return value;
	if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
	if (type === 'number' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

/**
 * Coda's OpenAPI validator (operation lookup, path and query parameters, request and response
 * bodies) with what Infomaniak's API adds: `deepObject` query parameters in PHP bracket notation
 * (`filter[status][0]=sent`), validated as the object they stand for.
 */
export class NewsletterSpecValidator {
	readonly inner: SpecValidator;

	constructor(spec: JsonObject = loadNewsletterSpec()) {
		this.inner = new SpecValidator(spec);
	}

	findOperation(method: string, path: string): OperationMatch | undefined {
		return this.inner.findOperation(method, path);
	}

	validateRequest(request: RequestToValidate): string[] {
		const match = this.inner.findOperation(request.method, request.path);
		const query =
			typeof request.query === 'string'
				? new URLSearchParams(request.query)
				: (request.query ?? new URLSearchParams());
		if (!match) return this.inner.validateRequest(request);
		const deep = new Map(
			match.parameters
				.filter((parameter) => parameter.in === 'query' && parameter.style === 'deepObject')
				.map((parameter) => [parameter.name, parameter]),
		);
		const plain = new URLSearchParams();
		const objects: JsonObject = {};
		for (const [key, value] of query) {
			const bracket = bracketPath(key);
			if (bracket && deep.has(bracket.name)) {
				objects[bracket.name] ??= {};
				place(objects[bracket.name] as JsonObject, bracket.path, value);
			} else plain.append(key, value);
		}
		const errors = this.inner.validateRequest({ ...request, query: plain });
		const where = `[request] ${request.method.toUpperCase()} ${request.path.split('?')[0]} (${match.operationId})`;
		const resolve = (s: unknown) => this.resolve(s);
		for (const [name, value] of Object.entries(objects)) {
			const parameter = deep.get(name)!;
			const typed = coerce(value, (parameter.schema as JsonObject) ?? {}, resolve);
			errors.push(
				...this.inner.checkSchema(
					parameter.schema ?? {},
					typed,
					`${where} query parameter "${name}"`,
				),
			);
		}
		return errors;
	}

	validateResponse(request: { method: string; path: string }, status: number, body: unknown) {
		return this.inner.validateResponse(request, status, body);
	}

	checkSchema(schema: unknown, value: unknown, label: string): string[] {
		return this.inner.checkSchema(schema, value, label);
	}

	/** A schema with its `oneOf`/`anyOf` collapsed to the first object member, for coercion only. */
	private resolve(schema: unknown): JsonObject {
		if (!isObject(schema)) return {};
		const alternatives = (schema.anyOf ?? schema.oneOf) as JsonObject[] | undefined;
		if (Array.isArray(alternatives))
			return alternatives.find((s) => s.type === 'array') ?? alternatives[0];
		return schema;
	}
}

let shared: NewsletterSpecValidator | undefined;

/** Process-wide validator of the patched document; compiled schemas are cached. */
export function newsletterSpecValidator(): NewsletterSpecValidator {
	shared ??= new NewsletterSpecValidator();
	return shared;
}
