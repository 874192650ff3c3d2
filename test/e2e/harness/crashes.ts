import { appendFileSync, mkdirSync } from 'fs';
import * as path from 'path';

/**
 * n8n 2.40 on Node 24 now and then crashes while exiting (SIGSEGV/SIGABRT) after it printed a
 * whole run. The harness accepts such a run only when it is complete, and records every crash it
 * accepted here, so that `npm test`'s summary lists them (scripts/test-summary.js).
 */
export const TOLERATED_SIGNALS = ['SIGSEGV', 'SIGABRT'];

export interface ToleratedCrash {
	signal: string;
	command: string;
	workflowId: string;
}

function resultsFolder(project: string): string {
	return process.env.CLOUD_PACK_RESULTS ?? path.join(project, '.dev/results');
}

function currentTestName(): string | undefined {
	const state = (globalThis as { expect?: { getState?: () => { currentTestName?: string } } })
		.expect;
	return state?.getState?.().currentTestName;
}

export function recordCrash(project: string, crash: ToleratedCrash): void {
	const folder = resultsFolder(project);
	mkdirSync(folder, { recursive: true });
	const line = JSON.stringify({ ...crash, test: currentTestName(), at: new Date().toISOString() });
	appendFileSync(path.join(folder, 'n8n-crashes.jsonl'), `${line}\n`);
}

/**
 * Whether n8n's printed run is the end of the execution: it finished (successfully or with an
 * error it reported) and names its last node. A run cut short by a crash is not.
 */
export function isCompleteRun(raw: any): boolean {
	const resultData = raw?.data?.resultData;
	if (!resultData || typeof resultData.runData !== 'object') return false;
	if (resultData.lastNodeExecuted === undefined) return false;
	const status = raw.status as string | undefined;
	if (status !== undefined) return status === 'success' || status === 'error';
	return raw.finished === true || resultData.error !== undefined;
}
