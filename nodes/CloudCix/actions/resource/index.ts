import { resourceDescription } from '../../../shared/node/description';
import { applicationParameters } from '../target';
import * as create from './create';
import * as del from './delete';
import * as getAll from './getAll';
import * as head from './head';
import * as list from './list';
import * as partialUpdate from './partialUpdate';
import * as read from './read';
import * as update from './update';

/** The verbs of CloudCIX's Python client, on any service of any application. */
/** The one resource: CloudCIX's records, of any application and service. */
export const resource = { name: 'Record', value: 'resource' };

export const operations = { create, delete: del, getAll, head, list, partialUpdate, read, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'read',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a record',
				description: 'Create a record in the service (POST)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a record',
				description: 'Delete a record by ID (DELETE)',
			},
			{
				// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- the verb of CloudCIX's client (get_all), beside its one-page List
				name: 'Get All',
				value: 'getAll',
				action: 'Get many records',
				description: 'Get the records of every page, up to a limit',
			},
			{
				name: 'Head',
				value: 'head',
				action: 'Check whether a record exists',
				description: 'Whether a record (or the service) exists, and its headers (HEAD)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List one page of records',
				description: 'One page of records, with page, limit, order and filters',
			},
			{
				name: 'Partial Update',
				value: 'partialUpdate',
				action: 'Update some fields of a record',
				description: 'Change only the given fields of a record (PATCH)',
			},
			{
				name: 'Read',
				value: 'read',
				action: 'Read a record',
				description: 'Get a record by ID (GET)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Replace a record',
				description: 'Replace a record with the given fields (PUT)',
			},
		],
	},
	operations,
	applicationParameters,
);
