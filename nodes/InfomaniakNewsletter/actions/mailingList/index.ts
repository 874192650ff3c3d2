import { resourceDescription } from '../../../shared/node/description';
import * as addSubscribers from './addSubscribers';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getSubscribers from './getSubscribers';
import * as importSubscribers from './importSubscribers';
import * as list from './list';
import * as removeSubscribers from './removeSubscribers';
import * as update from './update';

export const resource = {
	name: 'Mailing List',
	value: 'mailingList',
	description: 'Groups of subscribers, as Infomaniak calls them',
};

export const operations = {
	addSubscribers,
	create,
	delete: del,
	get,
	getSubscribers,
	importSubscribers,
	list,
	removeSubscribers,
	update,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'importSubscribers',
		options: [
			{
				name: 'Add Subscribers',
				value: 'addSubscribers',
				action: 'Add subscribers to a mailing list',
				description: 'Add existing subscribers, by ID or e-mail address',
			},
			{ name: 'Create', value: 'create', action: 'Create a mailing list' },
			{ name: 'Delete', value: 'delete', action: 'Delete a mailing list' },
			{ name: 'Get', value: 'get', action: 'Get a mailing list' },
			{ name: 'Get Many', value: 'list', action: 'Get many mailing lists' },
			{
				name: 'Get Subscribers',
				value: 'getSubscribers',
				action: 'Get the subscribers of a mailing list',
			},
			{
				name: 'Import Subscribers',
				value: 'importSubscribers',
				action: 'Import subscribers into a mailing list',
				description: 'From input items (one create-or-update each) or from a CSV file',
			},
			{
				name: 'Remove Subscribers',
				value: 'removeSubscribers',
				action: 'Remove subscribers from a mailing list',
				description:
					'Take subscribers off the list, by ID or e-mail address (they stay in the domain)',
			},
			{
				name: 'Rename',
				value: 'update',
				action: 'Rename a mailing list',
			},
		],
	},
	operations,
);
