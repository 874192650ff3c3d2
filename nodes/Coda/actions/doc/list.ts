import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { codaRequestAllItems } from '../../transport';
import { forOperation, getOptions, pick, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('doc', 'list');

export const description = forOperation(displayOptions, [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				description: 'Only docs in this folder',
			},
			{
				displayName: 'In Gallery',
				name: 'inGallery',
				type: 'boolean',
				default: false,
				description: 'Whether to list only docs published in the Coda Gallery',
			},
			{
				displayName: 'Owned by Me',
				name: 'isOwner',
				type: 'boolean',
				default: true,
				description: "Whether to list only docs owned by the token's user",
			},
			{
				displayName: 'Published',
				name: 'isPublished',
				type: 'boolean',
				default: true,
				description: 'Whether to list only published docs (or, when off, only unpublished ones)',
			},
			{
				displayName: 'Search Query',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Only docs whose name contains this text',
			},
			{
				displayName: 'Source Doc ID',
				name: 'sourceDoc',
				type: 'string',
				default: '',
				description: 'Only docs copied from this doc',
			},
			{
				displayName: 'Starred',
				name: 'isStarred',
				type: 'boolean',
				default: true,
				description: 'Whether to list only starred docs (or, when off, only unstarred ones)',
			},
			{
				displayName: 'Workspace ID',
				name: 'workspaceId',
				type: 'string',
				default: '',
				description: 'Only docs in this workspace',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = getOptions(this, itemIndex, 'filters');
	const qs: IDataObject = pick(filters, [
		'query',
		'workspaceId',
		'folderId',
		'sourceDoc',
		'isOwner',
		'isPublished',
		'isStarred',
		'inGallery',
	]);
	return await codaRequestAllItems(this, { path: '/docs', qs }, getListLimit(this, itemIndex));
}
