import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resourcePicker } from './description';
import { renameParameter } from './errors';
import { mapItems, type ItemResult } from './items';
import { registerNodeProperties } from './labels';

/** An operation run once per input item, with the run's client. */
export interface ItemOperation<TClient> {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: TClient,
	): Promise<ItemResult | unknown>;
}

/**
 * An operation that handles all input items together (batched writes). It receives the
 * client getter rather than the client, so that it can report a setup failure per item.
 */
export interface AllItemsOperation<TClient> {
	executeAll(
		this: IExecuteFunctions,
		client: () => Promise<TClient>,
	): Promise<INodeExecutionData[]>;
}

export type Operation<TClient> = ItemOperation<TClient> | AllItemsOperation<TClient>;

/**
 * A resource of a node (`actions/<resource>/index.ts`): its choice in the Resource picker, its
 * operation picker and parameters, and its operations' handlers.
 */
export interface Resource<TClient> {
	resource: INodePropertyOptions & { value: string };
	description: INodeProperties[];
	operations: Record<string, Operation<TClient>>;
}

export interface RouterSpec<TClient> {
	resources: Array<Resource<TClient>>;
	/** The resource the picker shows first. */
	defaultResource: string;
	/**
	 * Builds what every operation of the run uses (SDK client, storage driver, credential
	 * view). Called once, on the first item, inside that item's error handling: a setup
	 * failure becomes an error item per input item with "Continue On Fail", never a silent
	 * pass-through of the input.
	 */
	setup?: (ctx: IExecuteFunctions) => Promise<TClient>;
	/** Releases what `setup` built (sockets, agents) once every item ran, also after a failure. */
	release?: (client: TClient) => Promise<void> | void;
	/** Restates an operation's error in this node's terms (e.g. its resource's words). */
	mapError?: (ctx: IExecuteFunctions, error: unknown, itemIndex: number) => unknown;
	/**
	 * The node's name of a parameter the shared layer knows by another (`{ key: 'blob' }`): a
	 * storage error about it names the node's parameter, as n8n shows it.
	 */
	aliases?: Record<string, string>;
}

/** A node's `execute`, and its parameters: the Resource picker and each resource's own. */
export interface Router {
	(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
	properties: INodeProperties[];
}

/**
 * The one router of the pack: resource → operation → handler, the item loop with paired
 * items and continue-on-fail (`mapItems`), client setup inside the per-item error handling,
 * and release of the client at the end. A node's `execute` is `return await router.call(this)`;
 * its description lists `router.properties`, which also let errors name a parameter known by
 * its path ("options.partSizeMiB") as n8n shows it ("Part Size (MiB)").
 */
export function buildRouter<TClient = undefined>(spec: RouterSpec<TClient>): Router {
	const resources = new Map(spec.resources.map((entry) => [entry.resource.value, entry]));
	const properties = [
		resourcePicker(
			spec.resources.map((entry) => entry.resource),
			spec.defaultResource,
		),
		...spec.resources.flatMap((entry) => entry.description),
	];
	const route = async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		registerNodeProperties(this.getNode().type, properties);
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = resources.get(resource)?.operations[operation];
		if (!handler) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of "${resource}" is not supported`,
			);
		}

		let pending: Promise<TClient> | undefined;
		let built: { client: TClient } | undefined;
		const client = async (): Promise<TClient> => {
			pending ??= (spec.setup ? spec.setup(this) : Promise.resolve(undefined as TClient)).then(
				(value) => {
					built = { client: value };
					return value;
				},
			);
			return await pending;
		};

		try {
			if ('executeAll' in handler) return [await handler.executeAll.call(this, client)];
			const items = await mapItems(this, async (itemIndex) => {
				try {
					return (await handler.execute.call(this, itemIndex, await client())) as ItemResult;
				} catch (error) {
					const renamed = spec.aliases
						? renameParameter(this.getNode(), error, spec.aliases)
						: error;
					throw spec.mapError ? spec.mapError(this, renamed, itemIndex) : renamed;
				}
			});
			return [items];
		} finally {
			if (built && spec.release) {
				try {
					await spec.release(built.client);
				} catch {
					// releasing sockets must not hide the run's own result or error
				}
			}
		}
	};
	return Object.assign(route, { properties });
}
