import type { FileSystemHelperFunctions } from 'n8n-workflow';

import { n8nFileAccessRules, type FileAccessRules } from './fileAccess';

/**
 * n8n's file-access rules as a node context offers them: n8n's own `isFilePathBlocked` where
 * the context has n8n's file-system helpers (a node's execution), else the same rules read
 * from the server's settings (a trigger's poll, a picker's list search, a credential test).
 */
export function fileAccessRulesOf(ctx: { helpers?: unknown }): FileAccessRules {
	const helpers = (ctx.helpers ?? {}) as Partial<FileSystemHelperFunctions>;
	if (typeof helpers.isFilePathBlocked === 'function') {
		const isFilePathBlocked = helpers.isFilePathBlocked.bind(helpers) as (path: string) => boolean;
		return { isBlocked: (resolvedPath) => isFilePathBlocked(resolvedPath) };
	}
	return n8nFileAccessRules();
}
