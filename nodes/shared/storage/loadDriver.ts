import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BACKEND_OPTIONS, findBackend, type DriverHost } from './backends';
import type { StorageDriver } from './driver';
import { toNodeError } from '../node/errors';

type DriverContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** n8n's file-access rules, where the context exposes them (execute and poll). */
function hostFor(ctx: DriverContext): DriverHost {
	const helpers = ctx.helpers as Partial<IExecuteFunctions['helpers']>;
	if (!helpers.resolvePath || !helpers.isFilePathBlocked) return { context: ctx };
	return {
		context: ctx,
		async assertPathAllowed(path: string) {
			const resolved = await helpers.resolvePath!(path);
			if (helpers.isFilePathBlocked!(resolved)) {
				throw new NodeOperationError(
					ctx.getNode(),
					`n8n may not access the folder "${path}" set as the root of the Local credential`,
					{
						description:
							'Allow it with the N8N_RESTRICT_FILE_ACCESS_TO setting of the n8n server, or choose a folder it allows',
					},
				);
			}
		},
	};
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
