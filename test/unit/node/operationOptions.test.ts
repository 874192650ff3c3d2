import { readdirSync } from 'fs';
import * as path from 'path';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { operationOptions } from '../../../nodes/shared/node/description';

const NODES = path.resolve(__dirname, '../../../nodes');

function nodeFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return nodeFiles(full);
		return entry.name.endsWith('.node.ts') ? [full] : [];
	});
}

describe('operationOptions', () => {
	it('names the usual operations and words their actions from the noun', () => {
		const options = operationOptions(
			{ one: 'a flavor', many: 'flavors' },
			{ list: 'List flavors', get: 'Get one flavor', delete: 'Delete one flavor' },
		);
		expect(options).toEqual([
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a flavor',
				description: 'Delete one flavor',
			},
			{ name: 'Get', value: 'get', action: 'Get a flavor', description: 'Get one flavor' },
			{ name: 'Get Many', value: 'list', action: 'Get many flavors', description: 'List flavors' },
		]);
	});

	it('sorts the other operations in among the usual ones by name', () => {
		const options = operationOptions({ one: 'a row', many: 'rows' }, { update: 'u', get: 'g' }, [
			{ name: 'Push Button', value: 'pushButton', action: 'Push a button' },
			{ name: 'Delete Many', value: 'deleteMany', action: 'Delete many rows' },
		]);
		expect(options.map((option) => option.value)).toEqual([
			'deleteMany',
			'get',
			'pushButton',
			'update',
		]);
	});

	it('refuses a usual operation whose noun form is missing', () => {
		expect(() => operationOptions({ many: 'ports' }, { get: 'Get one port' })).toThrow(
			"'get' needs the noun's 'one' form",
		);
		expect(() => operationOptions({ one: 'a bucket' }, { list: 'List buckets' })).toThrow(
			"'list' needs the noun's 'many' form",
		);
	});
});

describe('every Operation picker of the pack', () => {
	const pickers = nodeFiles(NODES).flatMap((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- every node file, by name, for it.each
		const exports = require(file) as Record<string, new () => INodeType>;
		return Object.entries(exports).flatMap(([name, Node]) =>
			new Node().description.properties
				.filter((property) => property.name === 'operation' && property.type === 'options')
				.map((property) => ({
					where: `${name} ${JSON.stringify(property.displayOptions?.show?.resource ?? [])}`,
					options: property.options as INodePropertyOptions[],
				})),
		);
	});

	it('exists for every node', () => {
		expect(pickers.length).toBeGreaterThan(40);
	});

	it.each(pickers.map((picker) => [picker.where, picker.options] as const))(
		'%s: is in alphabetical order, each choice with an action',
		(_where, options) => {
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			for (const option of options) {
				expect(option.action).toEqual(expect.any(String));
				expect(option.action).not.toMatch(/undefined/);
			}
		},
	);
});
