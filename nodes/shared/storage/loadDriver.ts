import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BACKEND_OPTIONS, findBackend, type DriverHost } from './backends';
import type { StorageDriver } from './driver';
import { toNodeError } from '../node/errors';
import { fileAccessRulesOf } from '../host/contextRules';
import { using } from '../node/using';

type DriverContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * n8n's file-access rules in this context: n8n's own check where the context offers it
 * (execute), else the same rules read from the server's settings (poll, list search).
 */
function hostFor(ctx: DriverContext): DriverHost {
	return { fileAccess: fileAccessRulesOf(ctx), context: ctx };
}

/** The driver of the backend the user chose, built from that backend's credential. */
export async function loadDriver(
	ctx: DriverContext,
	backendValue: unknown,
): Promise<StorageDriver> {
	const backend = findBackend(backendValue);
	if (!backend) {
		const known = BACKEND_OPTIONS.map((option) => option.value).join(', ');
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid "Backend": unknown backend "${String(backendValue)}"`,
			{
				description: `Choose one of: ${known}`,
			},
		);
	}
	const credentials = await ctx.getCredentials(backend.credentialType);
	try {
		return await backend.createDriver(credentials, hostFor(ctx));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

/** Builds the driver, hands it to `use`, and closes it afterwards, whatever happened. */
export async function withDriver<T>(
	ctx: DriverContext,
	backendValue: unknown,
	use: (driver: StorageDriver) => Promise<T>,
): Promise<T> {
	return await using(
		async () => await loadDriver(ctx, backendValue),
		async (driver) => await driver.close(),
		use,
	);
}
