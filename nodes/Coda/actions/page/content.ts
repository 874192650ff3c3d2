import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';

/** Canvas content (HTML or Markdown) given to page create/update. */
export function contentParameters(options: {
	label: string;
	description: string;
}): INodeProperties[] {
	return [
		{
			displayName: options.label,
			name: 'content',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			description: options.description,
		},
		{
			displayName: 'Content Format',
			name: 'contentFormat',
			type: 'options',
			options: [
				{ name: 'HTML', value: 'html' },
				{ name: 'Markdown', value: 'markdown' },
			],
			default: 'markdown',
			description: 'How the content is written',
		},
	];
}

export function readContent(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { format: string; content: string } | undefined {
	const content = String(ctx.getNodeParameter('content', itemIndex, '') ?? '');
	if (content.trim() === '') return undefined;
	const format = String(ctx.getNodeParameter('contentFormat', itemIndex, 'markdown'));
	if (format !== 'html' && format !== 'markdown') {
		throw parameterError(
			ctx.getNode(),
			'contentFormat',
			`"${format}" is not HTML or Markdown`,
			itemIndex,
			'Content Format',
		);
	}
	return { format, content };
}

export function pageFields(): INodeProperties[] {
	return [
		{
			displayName: 'Icon Name',
			name: 'iconName',
			type: 'string',
			default: '',
			placeholder: 'e.g. rocket',
			description: "Name of the page's icon",
		},
		{
			displayName: 'Cover Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/image.jpg',
			description: "URL of the page's cover image",
		},
		{
			displayName: 'Subtitle',
			name: 'subtitle',
			type: 'string',
			default: '',
			description: 'Subtitle of the page',
		},
	];
}
