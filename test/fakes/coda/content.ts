import type { LineRec, PageLineStyle } from './model';

/** Page canvas content: parsing of html/markdown input into lines, and rendering for exports. */

const MARKDOWN_PREFIXES: Array<[RegExp, PageLineStyle]> = [
	[/^### /, 'h3'],
	[/^## /, 'h2'],
	[/^# /, 'h1'],
	[/^- \[[ xX]\] /, 'checkboxList'],
	[/^[-*] /, 'bulletedList'],
	[/^\d+\. /, 'numberedList'],
	[/^> /, 'blockQuote'],
];

const HTML_TAGS: Record<string, PageLineStyle> = {
	h1: 'h1',
	h2: 'h2',
	h3: 'h3',
	p: 'paragraph',
	li: 'bulletedList',
	blockquote: 'blockQuote',
	pre: 'code',
};

export function parseContent(
	format: 'html' | 'markdown',
	content: string,
	newId: () => string,
): LineRec[] {
	if (format === 'html') return parseHtml(content, newId);
	return content
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const match = MARKDOWN_PREFIXES.find(([re]) => re.test(line));
			return {
				id: newId(),
				style: match ? match[1] : 'paragraph',
				content: match ? line.replace(match[0], '') : line,
			};
		});
}

function parseHtml(content: string, newId: () => string): LineRec[] {
	const lines: LineRec[] = [];
	const blocks = /<(h1|h2|h3|p|li|blockquote|pre)\b[^>]*>([\s\S]*?)<\/\1>/gi;
	let match: RegExpExecArray | null;
	while ((match = blocks.exec(content)) !== null) {
		lines.push({
			id: newId(),
			style: HTML_TAGS[match[1].toLowerCase()],
			content: stripTags(match[2]),
		});
	}
	if (lines.length === 0 && stripTags(content).trim() !== '') {
		lines.push({ id: newId(), style: 'paragraph', content: stripTags(content).trim() });
	}
	return lines;
}

function stripTags(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MARKDOWN_RENDER: Partial<Record<PageLineStyle, string>> = {
	h1: '# ',
	h2: '## ',
	h3: '### ',
	bulletedList: '- ',
	numberedList: '1. ',
	checkboxList: '- [ ] ',
	blockQuote: '> ',
	pullQuote: '> ',
};

const HTML_RENDER: Partial<Record<PageLineStyle, string>> = {
	h1: 'h1',
	h2: 'h2',
	h3: 'h3',
	bulletedList: 'li',
	numberedList: 'li',
	checkboxList: 'li',
	blockQuote: 'blockquote',
	pullQuote: 'blockquote',
	code: 'pre',
};

export function renderContent(lines: LineRec[], format: 'html' | 'markdown'): string {
	if (format === 'markdown')
		return lines.map((l) => `${MARKDOWN_RENDER[l.style] ?? ''}${l.content}`).join('\n');
	return lines
		.map((l) => {
			const tag = HTML_RENDER[l.style] ?? 'p';
			return `<${tag}>${escapeHtml(l.content)}</${tag}>`;
		})
		.join('\n');
}
