import type { INodeProperties } from 'n8n-workflow';

import { listLocator, pathLocator } from './description';

/** How a storage node names its containers (buckets) and the objects (blobs, keys) in them. */
export interface StorageWords {
	container: {
		/** The default parameter name and label, e.g. 'bucket' and 'Bucket'. */
		name: string;
		displayName: string;
		description: string;
		/** The listSearch method listing the containers. */
		searchMethod: string;
		placeholder: string;
	};
	object: {
		name: string;
		displayName: string;
		description: string;
		/** The listSearch methods listing the objects of the container, and of the source container. */
		searchMethods: { own: string; source: string };
		/** How a typed object is called: by name (the default) or by key. */
		typedMode?: 'key';
	};
}

/** A storage node's container and object locators, worded for its provider. */
export function storageLocators(words: StorageWords) {
	const { container, object } = words;
	return {
		containerLocator: (
			name = container.name,
			displayName = container.displayName,
			required = true,
		): INodeProperties =>
			listLocator({
				name,
				displayName,
				description: container.description,
				searchMethod: container.searchMethod,
				placeholder: container.placeholder,
				required,
			}),
		/** `inSource`: the object is in the operation's source container (a copy's). */
		objectLocator: (
			name = object.name,
			displayName = object.displayName,
			inSource = false,
		): INodeProperties =>
			pathLocator({
				name,
				displayName,
				description: object.description,
				searchMethod: inSource ? object.searchMethods.source : object.searchMethods.own,
				typedMode: object.typedMode,
			}),
	};
}
