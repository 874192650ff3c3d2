import { existsSync, readdirSync } from 'fs';
import * as path from 'path';

/** Small waiting and file-listing helpers of the end-to-end tests. */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `condition` holds, failing after `timeoutMs` with `context()` (e.g. n8n's log). */
export async function waitFor(
	condition: () => boolean,
	timeoutMs: number,
	context: () => string = () => '',
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting\n${context()}`);
		await sleep(250);
	}
}

/** Every file below `dir`, relative, with "/" between folders (none when `dir` is absent). */
export function listFiles(dir: string, base = ''): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? listFiles(path.join(dir, entry.name), `${base}${entry.name}/`)
			: [`${base}${entry.name}`],
	);
}
