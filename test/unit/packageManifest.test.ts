import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const toDist = (file: string) => 'dist/' + rel(file).replace(/\.ts$/, '.js');

const nodeFiles = walk(path.join(ROOT, 'nodes'))
	.filter((file) => file.endsWith('.node.ts'))
	.sort();
const credentialFiles = readdirSync(path.join(ROOT, 'credentials'))
	.filter((name) => name.endsWith('.credentials.ts'))
	.map((name) => path.join(ROOT, 'credentials', name))
	.sort();

type Icon = string | { light: string; dark: string } | undefined;

function iconPaths(icon: Icon): string[] {
	if (!icon) return [];
	return typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
}

/** Where an icon reference of a file ends up once both are built into dist (same relative layout). */
function resolveIcon(sourceFile: string, icon: string): string {
	expect(icon).toMatch(/^file:/);
	return path.resolve(path.dirname(sourceFile), icon.slice('file:'.length));
}

/** Every class exported by a module that, once constructed, has the wanted field. */
async function instancesOf<T>(file: string, field: string): Promise<T[]> {
	const mod = (await import(file)) as Record<string, unknown>;
	const out: T[] = [];
	for (const exported of Object.values(mod)) {
		if (typeof exported !== 'function') continue;
		const instance = new (exported as new () => Record<string, unknown>)();
		if (instance[field] !== undefined) out.push(instance as T);
	}
	return out;
}

/** The descriptions of a node: one, or one per version for versioned nodes. */
function descriptionsOf(
	node: INodeType & { nodeVersions?: Record<string, INodeType> },
): INodeTypeDescription[] {
	if (node.nodeVersions)
		return Object.values(node.nodeVersions).map((version) => ({
			...node.description,
			...version.description,
		}));
	return [node.description];
}

describe('package.json n8n section', () => {
	test('there is something to check', () => {
		expect(nodeFiles.length).toBeGreaterThan(0);
		expect(credentialFiles.length).toBeGreaterThan(0);
	});

	test('n8n.nodes lists exactly the nodes/**/*.node.ts files', () => {
		expect([...pkg.n8n.nodes].sort()).toEqual(nodeFiles.map(toDist).sort());
		expect(new Set(pkg.n8n.nodes).size).toBe(pkg.n8n.nodes.length);
	});

	test('n8n.credentials lists exactly the credentials/*.credentials.ts files', () => {
		expect([...pkg.n8n.credentials].sort()).toEqual(credentialFiles.map(toDist).sort());
		expect(new Set(pkg.n8n.credentials).size).toBe(pkg.n8n.credentials.length);
	});
});

describe.each(nodeFiles.map((file) => [rel(file), file]))('node %s', (_name, file) => {
	let descriptions: INodeTypeDescription[];

	beforeAll(async () => {
		const nodes = await instancesOf<INodeType>(file, 'description');
		expect(nodes).toHaveLength(1);
		descriptions = descriptionsOf(nodes[0]);
	});

	test('is usable as a tool unless it is a trigger', () => {
		for (const description of descriptions) {
			const isTrigger = description.group.includes('trigger');
			if (isTrigger) {
				expect(description.name).toMatch(/Trigger$/);
			} else {
				expect(description.usableAsTool).toBe(true);
			}
		}
	});

	test('has a .node.json codex beside it, naming this node', () => {
		const codexFile = file.replace(/\.ts$/, '.json');
		expect(existsSync(codexFile)).toBe(true);
		const codex = JSON.parse(readFileSync(codexFile, 'utf8')) as {
			node: string;
			categories: string[];
		};
		expect(codex.node).toBe(`${pkg.name}.${descriptions[0].name}`);
		expect(codex.categories.length).toBeGreaterThan(0);
	});

	test('every icon it references exists in icons/', () => {
		const icons = descriptions.flatMap((description) => iconPaths(description.icon as Icon));
		expect(icons.length).toBeGreaterThan(0);
		for (const icon of icons) {
			const resolved = resolveIcon(file, icon);
			expect(path.dirname(resolved)).toBe(path.join(ROOT, 'icons'));
			expect([icon, existsSync(resolved)]).toEqual([icon, true]);
		}
	});

	test('every credential it uses is one of this package', async () => {
		const credentialNames = new Set<string>();
		for (const credentialFile of credentialFiles) {
			for (const credential of await instancesOf<ICredentialType>(credentialFile, 'properties'))
				credentialNames.add(credential.name);
		}
		for (const description of descriptions) {
			for (const credential of description.credentials ?? [])
				expect([...credentialNames]).toContain(credential.name);
		}
	});
});

describe.each(credentialFiles.map((file) => [rel(file), file]))('credential %s', (_name, file) => {
	test('its icon exists in icons/', async () => {
		const credentials = await instancesOf<ICredentialType>(file, 'properties');
		expect(credentials).toHaveLength(1);
		const icons = iconPaths(credentials[0].icon as Icon);
		expect(icons.length).toBeGreaterThan(0);
		for (const icon of icons) {
			const resolved = resolveIcon(file, icon);
			expect(path.dirname(resolved)).toBe(path.join(ROOT, 'icons'));
			expect([icon, existsSync(resolved)]).toEqual([icon, true]);
		}
	});
});
