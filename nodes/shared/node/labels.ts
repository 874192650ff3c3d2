import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	NodeParameterValueType,
} from 'n8n-workflow';

/**
 * The parameters of each node type of the pack, so that an error can name a parameter as n8n
 * shows it ("Part Size (MiB)") when the code knows it by its path ("options.partSizeMiB").
 * Filled by the router (`buildRouter({ properties })`) the first time a node runs.
 */
const registry = new Map<string, INodeProperties[]>();

export function registerNodeProperties(nodeType: string, properties: INodeProperties[]): void {
	if (!registry.has(nodeType)) registry.set(nodeType, properties);
}

function sameValue(
	allowed: NodeParameterValueType[] | undefined,
	value: NodeParameterValueType | undefined,
): boolean {
	return allowed === undefined || value === undefined || allowed.includes(value);
}

/** Whether the property is shown for the node's resource and operation (other conditions aside). */
function shownFor(property: INodeProperties, parameters: INodeParameters): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	return (['resource', 'operation'] as const).every((name) =>
		sameValue(
			show[name] as NodeParameterValueType[] | undefined,
			parameters[name] as NodeParameterValueType | undefined,
		),
	);
}

function isOptionGroup(option: unknown): option is INodePropertyCollection {
	return typeof option === 'object' && option !== null && 'values' in option;
}

/** The property at `path` ("options.partSizeMiB", "fields.field.value") among `properties`. */
function findProperty(
	properties: INodeProperties[],
	path: string[],
	parameters: INodeParameters,
): INodeProperties | undefined {
	const [name, ...rest] = path;
	const candidates = properties.filter((property) => property.name === name);
	// the one shown for the node's operation first, then any that holds the rest of the path
	const ordered = [
		...candidates.filter((candidate) => shownFor(candidate, parameters)),
		...candidates.filter((candidate) => !shownFor(candidate, parameters)),
	];
	for (const property of ordered) {
		const found = rest.length === 0 ? property : findInside(property, rest, parameters);
		if (found) return found;
	}
	return undefined;
}

/** The property at `rest` inside a collection or fixed collection. */
function findInside(
	property: INodeProperties,
	rest: string[],
	parameters: INodeParameters,
): INodeProperties | undefined {
	const options = (property.options ?? []) as unknown[];
	if (property.type === 'collection') {
		return findProperty(options as INodeProperties[], rest, parameters);
	}
	if (property.type === 'fixedCollection') {
		const group = options.find(
			(option): option is INodePropertyCollection =>
				isOptionGroup(option) && option.name === rest[0],
		);
		if (!group) return undefined;
		return rest.length === 1
			? ({ ...group, type: 'fixedCollection', default: {} } as unknown as INodeProperties)
			: findProperty(group.values, rest.slice(1), parameters);
	}
	return undefined;
}

/** An option of a collection shown for the operation ("Options"), found by its own name. */
function findOption(
	properties: INodeProperties[],
	name: string,
	parameters: INodeParameters,
): INodeProperties | undefined {
	for (const property of properties) {
		if (property.type !== 'collection' || !shownFor(property, parameters)) continue;
		const option = (property.options as INodeProperties[]).find((entry) => entry.name === name);
		if (option) return option;
	}
	return undefined;
}

/**
 * The label n8n shows for the parameter at `path` of this node, when the pack knows it. A bare
 * name that is no parameter of the node is looked for among the operation's options, since the
 * shared layer knows an option by its name ("expectedMd5" for "options.expectedMd5").
 */
export function displayNameOf(node: INode | undefined, path: string): string | undefined {
	if (!node) return undefined;
	const properties = registry.get(node.type);
	if (!properties) return undefined;
	const parameters = node.parameters ?? {};
	const segments = path.split('.');
	const property =
		findProperty(properties, segments, parameters) ??
		(segments.length === 1 ? findOption(properties, path, parameters) : undefined);
	return property?.displayName;
}
