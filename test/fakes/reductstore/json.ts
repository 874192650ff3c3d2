/**
 * Minimal JSON reader/writer that keeps 64-bit integers exact.
 *
 * ReductStore timestamps are unsigned microseconds and may exceed 2^53, so integers that are not
 * safe JS numbers are parsed as `bigint`, and `bigint` values are written as bare JSON numbers.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseJson(text: string): unknown {
	let pos = 0;

	const fail = (): never => {
		throw new SyntaxError(`Unexpected token at position ${pos}`);
	};
	const skipWs = () => {
		while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
	};
	const expect = (ch: string) => {
		skipWs();
		if (text[pos] !== ch) fail();
		pos++;
	};

	const readString = (): string => {
		STRING.lastIndex = pos;
		const match = STRING.exec(text);
		if (!match) return fail();
		pos += match[0].length;
		return JSON.parse(match[0]) as string;
	};

	const readNumber = (): number | bigint => {
		NUMBER.lastIndex = pos;
		const match = NUMBER.exec(text);
		if (!match) return fail();
		pos += match[0].length;
		const num = Number(match[0]);
		if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(num)) {
			return BigInt(match[0]);
		}
		return num;
	};

	const readValue = (): unknown => {
		skipWs();
		const ch = text[pos];
		if (ch === '{') return readObject();
		if (ch === '[') return readArray();
		if (ch === '"') return readString();
		if (ch === '-' || (ch >= '0' && ch <= '9')) return readNumber();
		for (const [word, value] of [
			['true', true],
			['false', false],
			['null', null],
		] as const) {
			if (text.startsWith(word, pos)) {
				pos += word.length;
				return value;
			}
		}
		return fail();
	};

	const readObject = (): Record<string, unknown> => {
		const out: Record<string, unknown> = {};
		pos++;
		skipWs();
		if (text[pos] === '}') {
			pos++;
			return out;
		}
		for (;;) {
			skipWs();
			if (text[pos] !== '"') fail();
			const key = readString();
			expect(':');
			// defineProperty keeps keys like "__proto__" as plain data
			Object.defineProperty(out, key, {
				value: readValue(),
				enumerable: true,
				writable: true,
				configurable: true,
			});
			skipWs();
			if (text[pos] === ',') {
				pos++;
				continue;
			}
			expect('}');
			return out;
		}
	};

	const readArray = (): unknown[] => {
		const out: unknown[] = [];
		pos++;
		skipWs();
		if (text[pos] === ']') {
			pos++;
			return out;
		}
		for (;;) {
			out.push(readValue());
			skipWs();
			if (text[pos] === ',') {
				pos++;
				continue;
			}
			expect(']');
			return out;
		}
	};

	const value = readValue();
	skipWs();
	if (pos !== text.length) fail();
	return value;
}

export function stringifyJson(value: unknown): string {
	const marker = '\u0000bigint:';
	// `this[key]` is the value before any `toJSON`: some libraries (n8n-workflow) give BigInt a
	// toJSON that turns it into a string, which would reach the replacer as a string
	const text = JSON.stringify(
		value,
		function (this: Record<string, unknown>, key: string, v: unknown) {
			const raw = key === '' ? v : this[key];
			return typeof raw === 'bigint' ? `${marker}${raw.toString()}` : v;
		},
	);
	return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
