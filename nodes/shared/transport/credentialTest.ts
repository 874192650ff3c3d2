import type { IHttpRequestOptions, INodeCredentialTestResult } from 'n8n-workflow';

import { CREDENTIAL_TEST_POLICY } from './retryPolicy';
import { waitUnlessAborted } from './wait';

/**
 * The longest a credential test of the pack takes: the policy's time budget, one more attempt's
 * idle timeout, and a little room. The sockets' timeouts bound every request; this bounds the
 * whole test too (an SDK's own waits and clean-up included), so the editor's "Test" never hangs.
 */
export const CREDENTIAL_TEST_DEADLINE_MS =
	CREDENTIAL_TEST_POLICY.maxTotalMs + CREDENTIAL_TEST_POLICY.idleTimeoutMs + 5_000;

/** Runs a credential test; an Error result when it has not ended by the deadline. */
export async function withinCredentialTestDeadline(
	test: () => Promise<INodeCredentialTestResult>,
): Promise<INodeCredentialTestResult> {
	const ended = new AbortController();
	const deadline = waitUnlessAborted(CREDENTIAL_TEST_DEADLINE_MS, ended.signal).then(
		(): INodeCredentialTestResult => ({
			status: 'Error',
			message: `No answer within ${CREDENTIAL_TEST_DEADLINE_MS / 1000} seconds: check the address and that the service is reachable from n8n`,
		}),
	);
	try {
		return await Promise.race([test(), deadline]);
	} finally {
		ended.abort();
	}
}

/**
 * n8n runs a declarative credential test (`test.request`) through its routing with a 5-minute
 * timeout: the test request's own `timeout` is replaced. So the test request names its timeout
 * in this header, and the credential's `authenticate` turns it back into the request's timeout
 * (and drops the header) — an address that never answers fails the test in seconds.
 */
const TEST_TIMEOUT_HEADER = 'x-cloud-pack-credential-test-timeout';

/** The headers of a declarative credential test request. */
export function credentialTestHeaders(): Record<string, string> {
	return { [TEST_TIMEOUT_HEADER]: String(CREDENTIAL_TEST_POLICY.idleTimeoutMs) };
}

/** For `authenticate`: the credential test's own timeout, back on its request. */
export function withCredentialTestTimeout(options: IHttpRequestOptions): IHttpRequestOptions {
	const headers = { ...(options.headers ?? {}) } as Record<string, unknown>;
	const timeout = Number(headers[TEST_TIMEOUT_HEADER]);
	if (!(timeout > 0)) return options;
	delete headers[TEST_TIMEOUT_HEADER];
	return { ...options, headers: headers as IHttpRequestOptions['headers'], timeout };
}
