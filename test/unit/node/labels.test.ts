import { readdirSync } from 'fs';
import * as path from 'path';
import type { INode, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { S3 } from '../../../nodes/S3/S3.node';
import { Coda } from '../../../nodes/Coda/Coda.node';
import { displayNameOf, registerNodeProperties } from '../../../nodes/shared/node/labels';
import { labelOf, parameterError, toNodeError } from '../../../nodes/shared/node/errors';
import { getInteger } from '../../../nodes/shared/node/parameters';
import { InvalidNameError } from '../../../nodes/shared/storage/errors';

function node(type: string, parameters: Record<string, unknown>): INode {
	return { id: '1', name: 'N', type, typeVersion: 1, position: [0, 0], parameters } as INode;
}

describe('errors name a parameter as n8n shows it', () => {
	beforeAll(() => {
		registerNodeProperties('pack.s3', new S3().description.properties);
		registerNodeProperties('pack.coda', new Coda().description.properties);
	});

	it('finds nested options by their path, for the operation shown', () => {
		const upload = node('pack.s3', { resource: 'object', operation: 'upload' });
		expect(displayNameOf(upload, 'options.partSizeMiB')).toBe('Part Size (MiB)');
		expect(displayNameOf(upload, 'binaryPropertyName')).toBe('Input Binary Field');
		const download = node('pack.s3', { resource: 'object', operation: 'download' });
		expect(displayNameOf(download, 'binaryPropertyName')).toBe('Put Output File in Field');
		const rows = node('pack.coda', { resource: 'row', operation: 'insert' });
		expect(displayNameOf(rows, 'options.rowsPerRequest')).toBe('Rows per Request');
		expect(displayNameOf(node('unknown.type', {}), 'options.x')).toBeUndefined();
	});

	it('getInteger and parameterError use it: "Part Size (MiB)", never "options.partSizeMiB"', () => {
		const upload = node('pack.s3', { resource: 'object', operation: 'upload' });
		const ctx = {
			getNode: () => upload,
			getNodeParameter: (name: string) => (name === 'options.partSizeMiB' ? 2 : undefined),
		} as never;
		let error: NodeOperationError | undefined;
		try {
			getInteger(ctx, 'options.partSizeMiB', 0, { min: 5 });
		} catch (caught) {
			error = caught as NodeOperationError;
		}
		expect(error?.message).toBe('Invalid "Part Size (MiB)": 2 is below the minimum of 5');
		expect(error?.description).toBe('Check the parameter "Part Size (MiB)"');
		expect(parameterError(upload, 'options.concurrency', 'x').message).toBe(
			'Invalid "Concurrency": x',
		);
		const storage = toNodeError(upload, new InvalidNameError('options.partSizeMiB', 'too small'));
		expect(storage.description).toBe('Check the parameter "Part Size (MiB)"');
	});
});

/**
 * Every node of the pack (the infrastructure, Newsletter and CloudCIX nodes included) gives its
 * router its parameters, so that any parameter known by its path, nested ones included, is named
 * as n8n shows it for the operation shown.
 */
describe('every node of the pack: its router knows the labels of all its parameters', () => {
	const ROOT = path.resolve(__dirname, '../../..');
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
		);
	const nodeTypes = walk(path.join(ROOT, 'nodes'))
		.filter((file) => file.endsWith('.node.ts'))
		.flatMap((file) =>
			Object.values(
				// eslint-disable-next-line @typescript-eslint/no-require-imports -- every node file, by name
				require(file) as Record<string, new () => INodeType>,
			).map((Type) => new Type()),
		)
		.filter((type) => typeof type.execute === 'function');

	/** resource and operation for which a property is shown (its first values). */
	function shownWith(property: INodeProperties): Record<string, unknown> {
		const show = property.displayOptions?.show ?? {};
		const first = (name: string) => (show[name] as unknown[] | undefined)?.[0];
		return {
			...(first('resource') !== undefined ? { resource: first('resource') } : {}),
			...(first('operation') !== undefined ? { operation: first('operation') } : {}),
		};
	}

	/** [path, the labels it may have (several properties of one name and operation), parameters]. */
	function paths(
		properties: INodeProperties[],
		prefix = '',
		parameters: Record<string, unknown> = {},
	): Array<[string, string[], Record<string, unknown>]> {
		return properties.flatMap((property) => {
			const at = { ...parameters, ...shownWith(property) };
			const path = `${prefix}${property.name}`;
			const labels = properties
				.filter(
					(other) =>
						other.name === property.name &&
						(['resource', 'operation'] as const).every(
							(key) =>
								at[key] === undefined ||
								shownWith(other)[key] === undefined ||
								shownWith(other)[key] === at[key],
						),
				)
				.map((other) => other.displayName);
			const own: Array<[string, string[], Record<string, unknown>]> = [[path, labels, at]];
			const options = (property.options ?? []) as unknown[];
			if (property.type === 'collection')
				return [...own, ...paths(options as INodeProperties[], `${path}.`, at)];
			if (property.type === 'fixedCollection')
				return [
					...own,
					...(options as INodePropertyCollection[]).flatMap((group) => [
						[`${path}.${group.name}`, [group.displayName], at] as [
							string,
							string[],
							Record<string, unknown>,
						],
						...paths(group.values, `${path}.${group.name}.`, at),
					]),
				];
			return own;
		});
	}

	it.each(nodeTypes.map((type) => [type.description.displayName, type] as const))(
		'%s: every parameter, nested ones included, by its display name',
		async (_name, type) => {
			const nodeType = `labels.${type.description.name}`;
			const ctx = {
				getNode: () => node(nodeType, {}),
				getNodeParameter: () => 'no-such-resource',
			};
			// the router registers the parameters before it looks the operation up
			await expect(type.execute!.call(ctx as never)).rejects.toThrow(/is not supported/);
			const unknown: string[] = [];
			const properties = type.description.properties.filter(
				(property) => !['resource', 'operation'].includes(property.name),
			);
			for (const [path, labels, parameters] of paths(properties)) {
				// as an error names it: "Part Size (MiB)"
				const shown = labelOf(node(nodeType, parameters), path);
				if (!labels.map((label) => `"${label}"`).includes(shown))
					unknown.push(`${path} (${JSON.stringify(parameters)}): ${shown} ∉ ${labels.join(' | ')}`);
			}
			expect(unknown).toEqual([]);
		},
	);

	it('an unlabelled getInteger of an infrastructure node says "Lines", not "lines"', () => {
		const log = node('labels.openStackCompute', { resource: 'server', operation: 'getConsoleLog' });
		const ctx = { getNode: () => log, getNodeParameter: () => -1 } as never;
		expect(() => getInteger(ctx, 'lines', 0, { min: 0 })).toThrow(
			'Invalid "Lines": -1 is below the minimum of 0',
		);
		const flavors = node('labels.openStackCompute', { resource: 'flavor', operation: 'list' });
		expect(displayNameOf(flavors, 'filters.minDisk')).toBe('Minimum Disk (GB)');
	});
});
