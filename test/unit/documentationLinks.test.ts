import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { ICredentialType } from 'n8n-workflow';

/**
 * Every documentation link of a node (its codex file) and of a credential that points at this
 * package's page must name a section of the README that exists: the npm page shows the README,
 * and an anchor without a heading lands the user at the top of it.
 */
const ROOT = path.resolve(__dirname, '../..');
const PACKAGE_PAGE = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack';

/**
 * The README's sections by the anchor GitHub and npm give their headings: each section's text
 * runs to the next heading of the same or a higher level (its subsections included).
 */
function readmeSections(): Map<string, string> {
	const sections = new Map<string, string>();
	const seen = new Map<string, number>();
	const open: Array<{ anchor: string; level: number; lines: string[] }> = [];
	let inCode = false;
	for (const line of readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		const heading = !inCode && /^(#{1,6})\s+(.*)$/.exec(line);
		if (heading) {
			const level = heading[1].length;
			while (open.length > 0 && open[open.length - 1].level >= level) {
				const done = open.pop()!;
				sections.set(done.anchor, done.lines.join('\n'));
			}
			const slug = heading[2]
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-');
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			open.push({ anchor: count === 0 ? slug : `${slug}-${count}`, level, lines: [] });
		}
		for (const section of open) section.lines.push(line);
	}
	for (const done of open) sections.set(done.anchor, done.lines.join('\n'));
	return sections;
}

function readmeAnchors(): Set<string> {
	return new Set(readmeSections().keys());
}

/** A section's words, without markdown emphasis or line breaks. */
const plain = (text: string) => text.replace(/[*_`]/g, '').replace(/\s+/g, ' ');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

function codexLinks(): Array<[string, string]> {
	return walk(path.join(ROOT, 'nodes'))
		.filter((file) => file.endsWith('.node.json'))
		.flatMap((file) => {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as {
				resources?: Record<string, Array<{ url: string }>>;
			};
			return Object.values(codex.resources ?? {})
				.flat()
				.map((resource): [string, string] => [path.relative(ROOT, file), resource.url]);
		});
}

function credentialLinks(): Array<[string, string]> {
	return readdirSync(path.join(ROOT, 'credentials'))
		.filter((name) => name.endsWith('.credentials.ts'))
		.flatMap((name) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- every credential file, by name
			const module = require(path.join(ROOT, 'credentials', name)) as Record<
				string,
				new () => ICredentialType
			>;
			return Object.values(module).map((Credential): [string, string] => [
				name,
				String(new Credential().documentationUrl ?? ''),
			]);
		});
}

const links = [...codexLinks(), ...credentialLinks()];

/** Every node file with its display name and its primary documentation link. */
function primaryLinks(): Array<[string, string, string]> {
	return walk(path.join(ROOT, 'nodes'))
		.filter((file) => file.endsWith('.node.json'))
		.map((file) => {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as {
				resources?: { primaryDocumentation?: Array<{ url: string }> };
			};
			const source = readFileSync(file.replace(/\.json$/, '.ts'), 'utf8');
			const displayName = /displayName: '([^']+)'/.exec(source)?.[1] ?? '';
			return [
				path.relative(ROOT, file),
				displayName.replace(/ \(Cloud Pack\)$/, ''),
				codex.resources?.primaryDocumentation?.[0]?.url ?? '',
			];
		});
}

describe('documentation links', () => {
	it('every node and credential has one', () => {
		const nodes = walk(path.join(ROOT, 'nodes')).filter((file) => file.endsWith('.node.ts'));
		const documented = new Set(codexLinks().map(([file]) => file.replace(/\.json$/, '.ts')));
		expect(
			nodes.map((file) => path.relative(ROOT, file)).filter((f) => !documented.has(f)),
		).toEqual([]);
		expect(credentialLinks().filter(([, url]) => !url)).toEqual([]);
	});

	it.each(primaryLinks())(
		'%s: "%s" is named in the README section its documentation link opens',
		(_file, name, url) => {
			expect(url.startsWith(`${PACKAGE_PAGE}#`)).toBe(true);
			const section = readmeSections().get(url.slice(PACKAGE_PAGE.length + 1));
			expect(plain(section ?? '')).toContain(name);
		},
	);

	it.each(links)(
		'%s → %s names a README section that exists (or is an https:// page)',
		(_file, url) => {
			if (!url.startsWith(PACKAGE_PAGE)) {
				expect(url).toMatch(/^https:\/\//);
				return;
			}
			const anchor = url.slice(PACKAGE_PAGE.length);
			expect(anchor).toMatch(/^#./);
			expect([...readmeAnchors()]).toContain(anchor.slice(1));
		},
	);
});
