import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nameValueList } from '../../shared/node/description';
import { storageLocators } from '../../shared/node/storageLocators';
import { getLocatorValue, getNameValueMap } from '../../shared/node/parameters';
import type { SwiftClient } from '../../shared/storage/drivers/swift/client';
import {
	assertSwiftContainer,
	assertSwiftMetadata,
	assertSwiftObject,
} from '../../shared/storage/drivers/swift/names';

export { forOperation, returnAllAndLimit, showFor } from '../../shared/node/description';

/** What each operation of the node receives: the item and the run's Swift client. */
export type SwiftOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	swift: SwiftClient,
) => Promise<unknown>;

export const { containerLocator, objectLocator } = storageLocators({
	container: {
		name: 'container',
		displayName: 'Container',
		description: 'The container to use',
		searchMethod: 'searchContainers',
		placeholder: 'e.g. backups',
	},
	object: {
		name: 'object',
		displayName: 'Object',
		description: "The object's name (its path in the container, e.g. reports/2026/summary.pdf)",
		searchMethods: { own: 'searchObjects', source: 'searchSourceObjects' },
	},
});

/** A locator's value, checked by `assert` against Swift's rules; errors name `displayName`. */
function checkedLocator(
	assert: (value: string, displayName: string) => void,
	defaultName: string,
	defaultDisplayName: string,
) {
	return (
		ctx: IExecuteFunctions,
		itemIndex: number,
		name = defaultName,
		displayName = defaultDisplayName,
	): string => {
		const value = getLocatorValue(ctx, name, itemIndex);
		assert(value, displayName);
		return value;
	};
}

/** A container locator's value, checked against Swift's rules. */
export const getContainer = checkedLocator(assertSwiftContainer, 'container', 'Container');

/** An object locator's value, checked against Swift's rules. */
export const getObjectName = checkedLocator(assertSwiftObject, 'object', 'Object');

/** Metadata from a name/value list, checked against Swift's header rules before anything is sent. */
export function getMetadata(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path = 'options.metadata',
	displayName = 'Metadata',
): Record<string, string> {
	const metadata = getNameValueMap(ctx, path, itemIndex, displayName);
	return assertSwiftMetadata(metadata, displayName);
}

/** Names from a comma- or line-separated text, or an array from an expression. */
export function getNameList(ctx: IExecuteFunctions, itemIndex: number, name: string): string[] {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((entry) => entry.trim())
		.filter((entry) => entry.length > 0);
}

export const metadataParameter = (displayName = 'Metadata'): INodeProperties =>
	nameValueList(
		displayName,
		'metadata',
		'Add metadata',
		'Sent as X-*-Meta-<name> headers: names of letters, digits and - _ ., values of printable ASCII',
	);
