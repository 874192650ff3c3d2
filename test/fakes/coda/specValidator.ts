import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isObject, SchemaNormalizer, type JsonObject } from './specNormalize';
import { applySpecPatches } from './specPatches';

export const CODA_SPEC_PATH = join(__dirname, 'coda-openapi.json');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const SPEC_ID = 'coda-openapi';
const MAX_REPORTED_ERRORS = 6;

interface Parameter {
	name: string;
	in: string;
	required?: boolean;
	schema?: unknown;
	style?: string;
	explode?: boolean;
}

interface Route {
	method: string;
	template: string;
	regex: RegExp;
	paramNames: string[];
	operation: JsonObject;
	parameters: Parameter[];
}

export interface OperationMatch {
	method: string;
	template: string;
	operationId: string;
	pathParams: Record<string, string>;
	operation: JsonObject;
	parameters: Parameter[];
}

export interface RequestToValidate {
	method: string;
	/** Path with or without the server base path (`/apis/v1`); a query string is ignored. */
	path: string;
	query?: URLSearchParams | string;
	/** Parsed JSON body; `undefined` when the request had no body. */
	body?: unknown;
	/** Set when a body was sent but could not be parsed as JSON. */
	invalidJson?: boolean;
	contentType?: string;
}

/** Loads Coda's OpenAPI document (a copy lives next to this file), patched unless `patched: false`. */
export function loadCodaSpec(options: { patched?: boolean } = {}): JsonObject {
	const raw = JSON.parse(readFileSync(CODA_SPEC_PATH, 'utf8')) as JsonObject;
	return options.patched === false ? raw : applySpecPatches(raw);
}

/**
 * Validates HTTP exchanges against an OpenAPI 3.0 document: operation lookup, path/query
 * parameters, JSON request bodies, response status codes and JSON response bodies.
 * Every `validate*` method returns human-readable violation messages (empty when conforming).
 */
export class SpecValidator {
	readonly basePath: string;
	private readonly ajv: Ajv;
	private readonly normalizer: SchemaNormalizer;
	private readonly routes: Route[] = [];
	private readonly compiled = new Map<unknown, ValidateFunction>();

	constructor(private readonly spec: JsonObject) {
		const servers = spec.servers as Array<{ url: string }> | undefined;
		this.basePath = servers?.[0] ? new URL(servers[0].url).pathname.replace(/\/$/, '') : '';
		const components = (spec.components as JsonObject) ?? {};
		this.normalizer = new SchemaNormalizer(components, SPEC_ID);
		this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
		addFormats(this.ajv);
		// ajv-formats' `url` regex rejects loopback/IP hosts; Coda only means "an absolute URL".
		this.ajv.addFormat('url', (value: string) => /^https?:\/\//.test(value) && URL.canParse(value));
		const schemas: JsonObject = {};
		for (const name of Object.keys((components.schemas as JsonObject) ?? {})) {
			schemas[name] = this.normalizer.component(name);
		}
		this.ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
		this.buildRoutes();
	}

	/** Finds the operation for `method` + `path`; the most literal template wins on ambiguity. */
	findOperation(method: string, path: string): OperationMatch | undefined {
		const relative = this.relativePath(path);
		const lower = method.toLowerCase();
		for (const route of this.routes) {
			if (route.method !== lower) continue;
			const m = route.regex.exec(relative);
			if (!m) continue;
			const pathParams: Record<string, string> = {};
			route.paramNames.forEach((name, i) => {
				pathParams[name] = safeDecode(m[i + 1]);
			});
			return {
				method: lower,
				template: route.template,
				operationId: String(route.operation.operationId ?? `${lower} ${route.template}`),
				pathParams,
				operation: route.operation,
				parameters: route.parameters,
			};
		}
		return undefined;
	}

	validateRequest(request: RequestToValidate): string[] {
		const match = this.findOperation(request.method, request.path);
		const label = `[request] ${request.method.toUpperCase()} ${this.relativePath(request.path)}`;
		if (!match) return [`${label}: no operation declared for this method and path`];
		const where = `${label} (${match.operationId})`;
		const query =
			typeof request.query === 'string' ? new URLSearchParams(request.query) : request.query;
		return [
			...this.checkPathParams(match, where),
			...this.checkQuery(match, query ?? new URLSearchParams(), where),
			...this.checkRequestBody(match, request, where),
		];
	}

	validateResponse(
		request: { method: string; path: string },
		status: number,
		body: unknown,
	): string[] {
		const match = this.findOperation(request.method, request.path);
		const label = `[response ${status}] ${request.method.toUpperCase()} ${this.relativePath(request.path)}`;
		if (!match) return [`${label}: no operation declared for this method and path`];
		const where = `${label} (${match.operationId})`;
		const responses = (match.operation.responses as JsonObject) ?? {};
		const declared =
			responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
		if (!declared) {
			return [
				`${where}: status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`,
			];
		}
		const response = this.deref(declared);
		const media = (response.content as JsonObject | undefined)?.['application/json'];
		if (!isObject(media) || media.schema === undefined) {
			return body === undefined
				? []
				: [`${where}: response declares no JSON body but one was sent`];
		}
		if (body === undefined) return [`${where}: response body missing (schema declared)`];
		return this.checkSchema(media.schema, body, `${where} body`);
	}

	/** Validates `value` against a raw (OpenAPI) schema object or a `#/components/schemas/<Name>` name. */
	checkSchema(schema: unknown, value: unknown, label: string): string[] {
		const validate =
			typeof schema === 'string'
				? this.compile(`schema:${schema}`, { $ref: `#/components/schemas/${schema}` })
				: this.compile(schema, schema);
		if (validate(value)) return [];
		return [`${label}: ${formatErrors(validate.errors ?? [])}`];
	}

	private relativePath(path: string): string {
		const withoutQuery = path.split('?')[0];
		if (this.basePath && withoutQuery.startsWith(`${this.basePath}/`))
			return withoutQuery.slice(this.basePath.length);
		return withoutQuery;
	}

	private buildRoutes(): void {
		const paths = (this.spec.paths as JsonObject) ?? {};
		for (const [template, item] of Object.entries(paths)) {
			if (!isObject(item)) continue;
			const shared = ((item.parameters as unknown[]) ?? []).map(
				(p) => this.deref(p) as unknown as Parameter,
			);
			const paramNames: string[] = [];
			const pattern = template
				.split(/(\{[^}]+\})/)
				.map((part) => {
					const param = /^\{([^}]+)\}$/.exec(part);
					if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
					paramNames.push(param[1]);
					return '([^/]+)';
				})
				.join('');
			for (const method of HTTP_METHODS) {
				const operation = item[method];
				if (!isObject(operation)) continue;
				const own = ((operation.parameters as unknown[]) ?? []).map(
					(p) => this.deref(p) as unknown as Parameter,
				);
				const parameters = [
					...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
					...own,
				];
				this.routes.push({
					method,
					template,
					regex: new RegExp(`^${pattern}$`),
					paramNames,
					operation,
					parameters,
				});
			}
		}
		this.routes.sort((a, b) => a.paramNames.length - b.paramNames.length);
	}

	private deref(value: unknown): JsonObject {
		let current = value;
		for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
			current = this.pointer(current.$ref);
		}
		return isObject(current) ? current : {};
	}

	private pointer(ref: string): unknown {
		if (!ref.startsWith('#/')) throw new Error(`Unsupported external $ref ${ref}`);
		return ref
			.slice(2)
			.split('/')
			.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
			.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), this.spec);
	}

	private compile(key: unknown, schema: unknown): ValidateFunction {
		let validate = this.compiled.get(key);
		if (!validate) {
			validate = this.ajv.compile(this.normalizer.normalize(schema));
			this.compiled.set(key, validate);
		}
		return validate;
	}

	private checkPathParams(match: OperationMatch, where: string): string[] {
		const errors: string[] = [];
		for (const param of match.parameters.filter((p) => p.in === 'path')) {
			const value = match.pathParams[param.name];
			if (value === undefined || value === '') {
				errors.push(`${where}: path parameter "${param.name}" is missing or empty`);
				continue;
			}
			errors.push(
				...this.checkParamValue(param, [value], `${where} path parameter "${param.name}"`),
			);
		}
		return errors;
	}

	private checkQuery(match: OperationMatch, query: URLSearchParams, where: string): string[] {
		const declared = match.parameters.filter((p) => p.in === 'query');
		const errors: string[] = [];
		for (const name of new Set(query.keys())) {
			const param = declared.find((p) => p.name === name);
			if (!param) {
				const names = declared.map((p) => p.name).join(', ') || 'none';
				errors.push(`${where}: query parameter "${name}" is not declared (declared: ${names})`);
				continue;
			}
			errors.push(
				...this.checkParamValue(param, query.getAll(name), `${where} query parameter "${name}"`),
			);
		}
		for (const param of declared) {
			if (param.required && !query.has(param.name))
				errors.push(`${where}: required query parameter "${param.name}" missing`);
		}
		return errors;
	}

	private checkParamValue(param: Parameter, values: string[], label: string): string[] {
		const schema = this.deref(param.schema);
		let coerced: unknown;
		try {
			if (schema.type === 'array') {
				const explode = param.explode ?? (param.style ?? 'form') === 'form';
				const parts = explode ? values : values.flatMap((v) => v.split(','));
				coerced = parts.map((part) => coerceScalar(part, this.deref(schema.items)));
			} else {
				if (values.length > 1)
					return [`${label}: given ${values.length} times but is not an array`];
				coerced = coerceScalar(values[0], schema);
			}
		} catch (error) {
			return [`${label}: ${(error as Error).message}`];
		}
		return this.checkSchema(param.schema ?? {}, coerced, label);
	}

	private checkRequestBody(
		match: OperationMatch,
		request: RequestToValidate,
		where: string,
	): string[] {
		const requestBody =
			match.operation.requestBody === undefined
				? undefined
				: this.deref(match.operation.requestBody);
		if (request.invalidJson) return [`${where}: request body is not valid JSON`];
		if (request.body === undefined) {
			return requestBody?.required ? [`${where}: required request body missing`] : [];
		}
		if (!requestBody) return [`${where}: operation declares no request body but one was sent`];
		const media = (requestBody.content as JsonObject | undefined)?.['application/json'];
		if (!isObject(media)) return [`${where}: operation does not accept a JSON request body`];
		const errors: string[] = [];
		if (request.contentType !== undefined && !/^application\/json\b/i.test(request.contentType)) {
			errors.push(
				`${where}: request Content-Type is "${request.contentType}", expected application/json`,
			);
		}
		return [...errors, ...this.checkSchema(media.schema ?? {}, request.body, `${where} body`)];
	}
}

function coerceScalar(raw: string, schema: JsonObject): unknown {
	const type = schema.type ?? (Array.isArray(schema.enum) ? typeof schema.enum[0] : 'string');
	switch (type) {
		case 'boolean':
			if (raw === 'true' || raw === 'false') return raw === 'true';
			throw new Error(`"${raw}" is not a boolean (true/false)`);
		case 'integer':
			if (/^-?\d+$/.test(raw)) return Number(raw);
			throw new Error(`"${raw}" is not an integer`);
		case 'number':
			if (raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
			throw new Error(`"${raw}" is not a number`);
		default:
			return raw;
	}
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function formatErrors(errors: ErrorObject[]): string {
	const messages = [
		...new Set(
			errors.map((e) => {
				const at = e.instancePath || '(root)';
				const extra =
					e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : '';
				const allowed =
					e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
				return `${at} ${e.message}${extra}${allowed}`;
			}),
		),
	];
	const shown = messages.slice(0, MAX_REPORTED_ERRORS).join('; ');
	return messages.length > MAX_REPORTED_ERRORS
		? `${shown}; … ${messages.length - MAX_REPORTED_ERRORS} more`
		: shown;
}

let shared: SpecValidator | undefined;

/** Process-wide validator for the (patched) Coda document; compiled schemas are cached. */
export function codaSpecValidator(): SpecValidator {
	shared ??= new SpecValidator(loadCodaSpec());
	return shared;
}
