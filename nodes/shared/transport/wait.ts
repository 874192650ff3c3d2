/** Anything with the two methods of an AbortSignal that a wait needs (n8n's and the SDKs' signals). */
export interface CancelSignalLike {
	readonly aborted: boolean;
	addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
	removeEventListener?(type: 'abort', listener: () => void): void;
}

/**
 * Waits `ms`; resolves `true` when the time passed and `false` as soon as `signal` aborts (the
 * execution was cancelled). The one cancellable wait of the pack: n8n-workflow's `sleep` cannot
 * be cancelled, and its `sleepWithAbort` is newer than n8n 2.40, which the pack supports.
 */
export function waitUnlessAborted(ms: number, signal?: CancelSignalLike): Promise<boolean> {
	if (signal?.aborted) return Promise.resolve(false);
	return new Promise((resolve) => {
		const onAbort = () => {
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- see above
			clearTimeout(timer);
			resolve(false);
		};
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- see above
		const timer = setTimeout(() => {
			signal?.removeEventListener?.('abort', onAbort);
			resolve(true);
		}, ms);
		signal?.addEventListener?.('abort', onAbort, { once: true });
	});
}
