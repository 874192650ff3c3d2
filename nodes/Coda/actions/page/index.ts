import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as deleteContent from './deleteContent';
import * as exportContent from './exportContent';
import * as get from './get';
import * as getContent from './getContent';
import * as list from './list';
import * as update from './update';

export const resource = { name: 'Page', value: 'page' };

export const operations = {
	create,
	delete: del,
	deleteContent,
	exportContent,
	get,
	getContent,
	list,
	update,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a page', many: 'pages' },
			{
				create: 'Create a page, optionally with content',
				delete: 'Delete a page and its subpages',
				get: "Get a page's metadata",
				list: 'List the pages of a doc',
				update: 'Rename a page, change its subtitle or icon, or add content',
			},
			[
				{
					name: 'Delete Content',
					value: 'deleteContent',
					action: 'Delete page content',
					description: "Delete some or all of a page's content",
				},
				{
					name: 'Export Content',
					value: 'exportContent',
					action: 'Export page content',
					description: 'Export a page as an HTML or Markdown file',
				},
				{
					name: 'Get Content',
					value: 'getContent',
					action: 'Get page content',
					description: "Get a page's content, one item per element",
				},
			],
		),
	},
	operations,
);
