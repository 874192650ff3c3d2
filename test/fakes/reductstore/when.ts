/**
 * Conditional query (`when`) engine: parser + evaluator for the JSON query language
 * (object notation `{"&label": {"$gt": 10}}` and array notation `{"$gt": ["&label", 10]}`).
 *
 * Values follow the documented type system: bool, int (64-bit, `bigint`), float (`number`),
 * string, plus duration literals like "5s". Label values are strings whose type is inferred.
 */
import { type Labels, notFound, ReductError, unprocessable } from './http';

export class Duration {
	constructor(readonly us: bigint) {}
}

export type Value = boolean | bigint | number | string | Duration;

export interface EvalContext {
	ts: bigint;
	labels: Labels;
}

/** Thrown by `$limit` once the limit is exceeded: the query stops. */
export class Interrupt extends Error {}

type Node = (ctx: EvalContext) => Value;
type Factory = (operands: Node[]) => Node;

// ---------------------------------------------------------------- values

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const DURATION = /^(-?)((?:\d+(?:us|ms|s|m|h|d))+)$/;
const DURATION_PART = /(\d+)(us|ms|s|m|h|d)/g;
const UNIT_US: Record<string, bigint> = {
	us: 1n,
	ms: 1_000n,
	s: 1_000_000n,
	m: 60_000_000n,
	h: 3_600_000_000n,
	d: 86_400_000_000n,
};

export function parseDuration(text: string): Duration | undefined {
	const match = DURATION.exec(text);
	if (!match) return undefined;
	let total = 0n;
	for (const [, num, unit] of match[2].matchAll(DURATION_PART))
		total += BigInt(num) * UNIT_US[unit];
	return new Duration(match[1] ? -total : total);
}

/** Type inference for label values (labels are stored as strings). */
export function inferValue(raw: string): Value {
	if (raw === 'true') return true;
	if (raw === 'false') return false;
	if (INT.test(raw)) {
		const int = BigInt(raw);
		if (int >= I64_MIN && int <= I64_MAX) return int;
	}
	if (FLOAT.test(raw)) return Number(raw);
	return raw;
}

function show(v: Value): string {
	return v instanceof Duration ? `${v.us}us` : String(v);
}

function asBool(v: Value): boolean {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'bigint') return v !== 0n;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return v.length > 0;
	return v.us !== 0n;
}

function asInt(v: Value): bigint {
	if (typeof v === 'boolean') return v ? 1n : 0n;
	if (typeof v === 'bigint') return v;
	if (typeof v === 'number') return BigInt(Math.trunc(v));
	if (v instanceof Duration) return v.us;
	if (INT.test(v)) return BigInt(v);
	throw unprocessable(`Value '${v}' could not be parsed as integer`);
}

function asFloat(v: Value): number {
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v === 'number') return v;
	if (v instanceof Duration) return Number(v.us);
	if (FLOAT.test(v)) return Number(v);
	throw unprocessable(`Value '${v}' could not be parsed as float`);
}

function asString(v: Value): string {
	return show(v);
}

/** Three-way comparison with the documented casting rules (strings only compare with strings). */
function compare(a: Value, b: Value): number {
	if (typeof a === 'string' || typeof b === 'string') {
		if (typeof a !== 'string' || typeof b !== 'string') {
			throw unprocessable(`Cannot compare '${show(a)}' with '${show(b)}'`);
		}
		return a < b ? -1 : a > b ? 1 : 0;
	}
	if (typeof a === 'number' || typeof b === 'number') {
		const x = asFloat(a);
		const y = asFloat(b);
		return x < y ? -1 : x > y ? 1 : 0;
	}
	const x = asInt(a);
	const y = asInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------- operators

function arity(name: string, operands: Node[], min: number, max = min): void {
	if (operands.length < min || operands.length > max) {
		const what =
			min === max
				? `exactly ${['zero', 'one', 'two'][min] ?? min} operand${min === 1 ? '' : 's'}`
				: `at least ${min} operand${min === 1 ? '' : 's'}`;
		throw unprocessable(`${name} requires ${what}`);
	}
}

function comparison(name: string, test: (cmp: number) => boolean): Factory {
	return (ops) => {
		arity(name, ops, 2);
		return (ctx) => test(compare(ops[0](ctx), ops[1](ctx)));
	};
}

function numeric(
	a: Value,
	b: Value,
	int: (x: bigint, y: bigint) => bigint,
	flt: (x: number, y: number) => number,
): Value {
	if (typeof a === 'string' || typeof b === 'string') {
		throw unprocessable(`Cannot apply arithmetic to '${show(a)}' and '${show(b)}'`);
	}
	if (typeof a === 'number' || typeof b === 'number') return flt(asFloat(a), asFloat(b));
	return int(asInt(a), asInt(b));
}

function stringOp(name: string, test: (s: string, sub: string) => boolean): Factory {
	return (ops) => {
		arity(name, ops, 2);
		return (ctx) => test(asString(ops[0](ctx)), asString(ops[1](ctx)));
	};
}

function lookupLabel(ctx: EvalContext, name: string): Value {
	const raw = ctx.labels[name];
	if (raw === undefined) throw notFound(`Reference '${name}' not found`);
	return inferValue(raw);
}

const DATE_PARTS = ['second', 'minute', 'hour', 'day', 'month', 'year', 'weekday'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function datePart(part: (typeof DATE_PARTS)[number]): Factory {
	return (ops) => {
		arity(`$${part}`, ops, 1, 2);
		return (ctx) => {
			const ms = Number(asInt(ops[0](ctx)) / 1000n);
			const timeZone = ops[1] ? asString(ops[1](ctx)) : 'UTC';
			let parts: Intl.DateTimeFormatPart[];
			try {
				parts = new Intl.DateTimeFormat('en-US', {
					timeZone,
					hourCycle: 'h23',
					year: 'numeric',
					month: 'numeric',
					day: 'numeric',
					hour: 'numeric',
					minute: 'numeric',
					second: 'numeric',
					weekday: 'short',
				}).formatToParts(new Date(ms));
			} catch {
				throw unprocessable(`Invalid timezone '${timeZone}'`);
			}
			const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
			if (part === 'weekday') return BigInt(WEEKDAYS.indexOf(get('weekday')));
			return BigInt(Number(get(part)));
		};
	};
}

function durationUs(v: Value): bigint {
	return v instanceof Duration ? v.us : BigInt(Math.round(asFloat(v) * 1e6));
}

const OPERATORS: Record<string, Factory> = {
	// aggregation (stateful, evaluated in record order)
	$each_n: (ops) => {
		arity('$each_n', ops, 1);
		let count = 0n;
		return (ctx) => {
			count += 1n;
			const n = asInt(ops[0](ctx));
			if (n === 0n) throw unprocessable("Value '0' is not a valid operand for $each_n");
			return count % n === 0n;
		};
	},
	$each_t: (ops) => {
		arity('$each_t', ops, 1);
		let last: bigint | undefined;
		return (ctx) => {
			const interval = durationUs(ops[0](ctx));
			if (last !== undefined && ctx.ts - last < interval) return false;
			last = ctx.ts;
			return true;
		};
	},
	$limit: (ops) => {
		arity('$limit', ops, 1);
		let count = 0n;
		return (ctx) => {
			count += 1n;
			if (count > asInt(ops[0](ctx))) throw new Interrupt();
			return true;
		};
	},
	$gate: (ops) => {
		arity('$gate', ops, 2);
		let openedAt: bigint | undefined;
		let previous = false;
		return (ctx) => {
			const input = asBool(ops[1](ctx));
			if (input && !previous) openedAt = ctx.ts;
			previous = input;
			if (!input || openedAt === undefined) return false;
			return ctx.ts - openedAt <= durationUs(ops[0](ctx));
		};
	},
	// arithmetic
	$add: (ops) => {
		arity('$add', ops, 1, Infinity);
		return (ctx) => {
			const values = ops.map((op) => op(ctx));
			if (values.every((v) => typeof v === 'string')) return values.join('');
			return values.reduce((a, b) =>
				numeric(
					a,
					b,
					(x, y) => x + y,
					(x, y) => x + y,
				),
			);
		};
	},
	$sub: (ops) => {
		arity('$sub', ops, 2);
		return (ctx) =>
			numeric(
				ops[0](ctx),
				ops[1](ctx),
				(x, y) => x - y,
				(x, y) => x - y,
			);
	},
	$mult: (ops) => {
		arity('$mult', ops, 1, Infinity);
		return (ctx) =>
			ops
				.map((op) => op(ctx))
				.reduce((a, b) =>
					numeric(
						a,
						b,
						(x, y) => x * y,
						(x, y) => x * y,
					),
				);
	},
	$div: (ops) => {
		arity('$div', ops, 2);
		return (ctx) => {
			const divisor = asFloat(ops[1](ctx));
			if (divisor === 0) throw unprocessable('Division by zero');
			return asFloat(ops[0](ctx)) / divisor;
		};
	},
	$div_num: (ops) => {
		arity('$div_num', ops, 2);
		return (ctx) => {
			const divisor = asInt(ops[1](ctx));
			if (divisor === 0n) throw unprocessable('Division by zero');
			return asInt(ops[0](ctx)) / divisor;
		};
	},
	$rem: (ops) => {
		arity('$rem', ops, 2);
		return (ctx) => {
			const [a, b] = [ops[0](ctx), ops[1](ctx)];
			if (asFloat(b) === 0) throw unprocessable('Division by zero');
			return numeric(
				a,
				b,
				(x, y) => x % y,
				(x, y) => x % y,
			);
		};
	},
	$abs: (ops) => {
		arity('$abs', ops, 1);
		return (ctx) => {
			const v = ops[0](ctx);
			if (typeof v === 'number') return Math.abs(v);
			const int = asInt(v);
			return int < 0n ? -int : int;
		};
	},
	// logical
	$and: (ops) => (ctx) => ops.every((op) => asBool(op(ctx))),
	$or: (ops) => (ctx) => ops.some((op) => asBool(op(ctx))),
	$xor: (ops) => (ctx) => {
		let count = 0;
		for (const op of ops) if (asBool(op(ctx)) && ++count > 1) return false;
		return count === 1;
	},
	$not: (ops) => (ctx) => !ops.some((op) => asBool(op(ctx))),
	$in: (ops) => {
		arity('$in', ops, 1, Infinity);
		return (ctx) => {
			const v = ops[0](ctx);
			return ops.slice(1).some((op) => compare(v, op(ctx)) === 0);
		};
	},
	$nin: (ops) => {
		arity('$nin', ops, 1, Infinity);
		return (ctx) => {
			const v = ops[0](ctx);
			return !ops.slice(1).some((op) => compare(v, op(ctx)) === 0);
		};
	},
	// comparison
	$eq: comparison('$eq', (c) => c === 0),
	$ne: comparison('$ne', (c) => c !== 0),
	$gt: comparison('$gt', (c) => c > 0),
	$gte: comparison('$gte', (c) => c >= 0),
	$lt: comparison('$lt', (c) => c < 0),
	$lte: comparison('$lte', (c) => c <= 0),
	// string
	$contains: stringOp('$contains', (s, sub) => s.includes(sub)),
	$starts_with: stringOp('$starts_with', (s, sub) => s.startsWith(sub)),
	$ends_with: stringOp('$ends_with', (s, sub) => s.endsWith(sub)),
	// misc
	$exists: (ops) => {
		arity('$exists', ops, 1, Infinity);
		return (ctx) => ops.every((op) => ctx.labels[asString(op(ctx))] !== undefined);
	},
	$cast: (ops) => {
		arity('$cast', ops, 2);
		return (ctx) => {
			const v = ops[0](ctx);
			const type = asString(ops[1](ctx));
			switch (type) {
				case 'bool':
					return asBool(v);
				case 'int':
					return asInt(v);
				case 'float':
					return asFloat(v);
				case 'string':
					return asString(v);
				case 'duration':
					return new Duration(asInt(v));
				default:
					throw unprocessable(`Unknown type '${type}' for $cast`);
			}
		};
	},
	$ref: (ops) => {
		arity('$ref', ops, 1);
		return (ctx) => lookupLabel(ctx, asString(ops[0](ctx)));
	},
	$timestamp: (ops) => {
		arity('$timestamp', ops, 0);
		return (ctx) => ctx.ts;
	},
};

const ALIASES: Record<string, string> = {
	$all_of: '$and',
	$any_of: '$or',
	$one_of: '$xor',
	$none_of: '$not',
	$has: '$exists',
	$id: '$timestamp',
};
for (const part of DATE_PARTS) OPERATORS[`$${part}`] = datePart(part);

// ---------------------------------------------------------------- parser

function constant(v: Value): Node {
	return () => v;
}

function makeOperator(name: string, operands: Node[]): Node {
	if (!name.startsWith('$')) throw unprocessable(`Operator '${name}' must start with '$'`);
	const factory = OPERATORS[ALIASES[name] ?? name];
	if (!factory) throw unprocessable(`Operator '${name}' not supported`);
	return factory(operands);
}

function parseLiteral(text: string): Node {
	if (text.startsWith('&')) {
		const name = text.slice(1);
		return (ctx) => lookupLabel(ctx, name);
	}
	if (text.startsWith('@')) {
		// computed labels come from extensions, which the fake does not run
		const name = text.slice(1);
		return () => {
			throw notFound(`Computed reference '${name}' not found`);
		};
	}
	if (text.startsWith('$$')) return constant(text.slice(1));
	if (text.startsWith('$')) {
		try {
			return makeOperator(text, []);
		} catch {
			throw unprocessable(`Unknown '$' literal '${text}'; use '$$' to escape a string value`);
		}
	}
	return constant(parseDuration(text) ?? text);
}

function parseNodes(json: unknown): Node[] {
	if (json === null || json === undefined) throw unprocessable('Null type is not supported: null');
	if (Array.isArray(json))
		throw unprocessable(`Array type is not supported: ${JSON.stringify(json)}`);
	switch (typeof json) {
		case 'boolean':
			return [constant(json)];
		case 'bigint':
			return [constant(json)];
		case 'number':
			return [constant(Number.isInteger(json) ? BigInt(json) : json)];
		case 'string':
			return [parseLiteral(json)];
		case 'object':
			return parseObject(json as Record<string, unknown>);
		default:
			throw unprocessable(`Unsupported value in condition: ${String(json)}`);
	}
}

function parseObject(map: Record<string, unknown>): Node[] {
	return Object.entries(map).map(([key, value]) => {
		if (Array.isArray(value)) return makeOperator(key, value.flatMap(parseNodes));
		if (typeof value === 'object' && value !== null) {
			// object notation: {"<left operand>": {"$op": <right operand>}}
			const ops = Object.entries(value);
			if (ops.length !== 1) throw unprocessable('Object notation must have exactly one operator');
			const [[op, right]] = ops;
			return makeOperator(op, [parseLiteral(key), ...parseNodes(right)]);
		}
		return makeOperator(key, parseNodes(value));
	});
}

// ---------------------------------------------------------------- condition

const IGNORED_DIRECTIVES = [
	'#ext',
	'#batch_size',
	'#batch_records',
	'#batch_metadata_size',
	'#batch_timeout',
	'#record_timeout',
	'#io_timeout',
];
const UNSUPPORTED_DIRECTIVES = ['#ctx_before', '#ctx_after'];

export class Condition {
	constructor(
		private readonly root: Node,
		private readonly strict: boolean,
		readonly selectLabels: string[] | undefined,
	) {}

	/**
	 * True if the record matches. In non-strict mode an evaluation error (e.g. missing label) counts as
	 * false; in strict mode it is thrown. `Interrupt` ($limit exceeded) always propagates.
	 */
	matches(ctx: EvalContext): boolean {
		try {
			return asBool(this.root(ctx));
		} catch (err) {
			if (err instanceof Interrupt || (this.strict && err instanceof ReductError)) throw err;
			if (err instanceof ReductError) return false;
			throw err;
		}
	}
}

/** Compiles a `when` object. Invalid syntax or unknown operators give 422. */
export function compileWhen(when: unknown, strict = false): Condition {
	let selectLabels: string[] | undefined;
	let body = when;
	if (typeof when === 'object' && when !== null && !Array.isArray(when)) {
		const rest: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(when)) {
			if (!key.startsWith('#')) {
				rest[key] = value;
			} else if (key === '#select_labels') {
				const list = Array.isArray(value) ? value : [value];
				if (list.some((v) => typeof v !== 'string')) {
					throw unprocessable("Directive '#select_labels' must be a list of label names");
				}
				selectLabels = list as string[];
			} else if (UNSUPPORTED_DIRECTIVES.includes(key)) {
				throw unprocessable(`Directive '${key}' is not supported by the ReductStore fake`);
			} else if (!IGNORED_DIRECTIVES.includes(key)) {
				throw unprocessable(`Directive '${key}' is not supported`);
			}
		}
		body = rest;
	}
	const nodes = parseNodes(body);
	const root: Node = (ctx) => nodes.every((node) => asBool(node(ctx)));
	return new Condition(root, strict, selectLabels);
}
