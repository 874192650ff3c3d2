import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../../nodes/shared/node/parameters';

const node = {
	id: '1',
	name: 'N',
	type: 'unknown.type',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

describe('parseJsonParameter', () => {
	it('parses text and passes an already parsed value through', () => {
		expect(parseJsonParameter(node, 'body', '{"a": [1, 2]}', 0)).toEqual({ a: [1, 2] });
		const parsed = { a: 1 };
		expect(parseJsonParameter(node, 'body', parsed, 0)).toBe(parsed);
		expect(parseJsonParameter(node, 'body', undefined, 0)).toBeUndefined();
	});

	it('gives `blank` for blank text when asked, and refuses blank text otherwise', () => {
		expect(parseJsonParameter(node, 'body', '  ', 0, { blank: {} })).toEqual({});
		expect(() => parseJsonParameter(node, 'body', '', 0)).toThrow(/not valid JSON/);
	});

	it('names the parameter and the parse error, paired to the item', () => {
		let thrown: unknown;
		try {
			parseJsonParameter(node, 'jsonBody', '{"a": ', 3, { displayName: 'JSON' });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		const error = thrown as NodeOperationError;
		expect(error.message).toMatch(/^Invalid "JSON": it is not valid JSON \(.+\)$/);
		expect(error.context.itemIndex).toBe(3);
	});
});
