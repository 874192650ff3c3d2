import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** resource → operation → its handler. */
export type OperationTable<TClient> = Record<string, Record<string, Operation<TClient>>>;

export interface RouterSpec<TClient> {
	operations: OperationTable<TClient>;
	/**
	 * Builds what every operation of the run uses (SDK client, storage driver, credential
	 * view). Called once, on the first item, inside that item's error handling: a setup
	 * failure becomes an error item per input item with "Continue On Fail", never a silent
	 * pass-through of the input.
	 */
	setup?: (ctx: IExecuteFunctions) => Promise<TClient>;
	/** Releases what `setup` built (sockets, agents) once every item ran, also after a failure. */
	release?: (client: TClient) => Promise<void> | void;
	/** Restates an operation's error in this node's terms (e.g. its parameter labels). */
	mapError?: (ctx: IExecuteFunctions, error: unknown, itemIndex: number) => unknown;
	/**
	 * The node's parameters (the operations' descriptions), so that an error about a parameter
	 * known by its path ("options.partSizeMiB") names it as n8n shows it ("Part Size (MiB)").
	 */
	properties?: INodeProperties[];
}

/**
 * The one router of the pack: resource → operation → handler, the item loop with paired
 * items and continue-on-fail (`mapItems`), client setup inside the per-item error handling,
 * and release of the client at the end. A node's `execute` is `return await router.call(this)`.
 */
export function buildRouter<TClient = undefined>(
	spec: RouterSpec<TClient>,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	return async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (spec.properties) registerNodeProperties(this.getNode().type, spec.properties);
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = spec.operations[resource]?.[operation];
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
					throw spec.mapError ? spec.mapError(this, error, itemIndex) : error;
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
}
