import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Parameter-description building blocks every node of the pack uses. */

/** The display condition for one operation of one resource. */
export function showFor(resource: string, operation: string): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation] } };
}

/** Attaches an operation's display condition to each of its parameters (merged with their own). */
export function forOperation(displayOptions: IDisplayOptions, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, ...property.displayOptions?.show } },
	}));
}

/** n8n's "Return All" / "Limit" pair; read it with `getListLimit`. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
