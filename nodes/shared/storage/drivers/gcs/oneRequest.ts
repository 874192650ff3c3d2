/** One upload request of bytes held in memory, sent again while the pack's retry policy allows. */
import type { File, FileMetadata, PreconditionOptions } from '@google-cloud/storage';
import { sleep } from 'n8n-workflow';

import { sendCheckedPart } from '../../parts';
import {
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	type RetryPolicy,
} from '../../../transport/retryPolicy';

/** Whether a failed one-request upload may go again (the bytes are held, so they can). */
function retryDecision(error: unknown, attemptsMade: number, since: number, policy: RetryPolicy) {
	const sdk = (error ?? {}) as { code?: unknown; response?: { headers?: Record<string, unknown> } };
	const status = typeof sdk.code === 'number' ? sdk.code : undefined;
	return decideRetry(
		{
			attemptsMade,
			status,
			retryAfterMs: parseRetryAfter(sdk.response?.headers?.['retry-after'] as string | undefined),
			transientNetworkError: status === undefined && isRetryableNetworkError(error),
			replayable: true,
			elapsedMs: Date.now() - since,
		},
		policy,
	);
}

/**
 * Stores `data` as `file` in one request through the SDK, which checks the CRC32C Google
 * computed (and deletes a damaged object: then the same bytes go again). Returns the object's
 * resource.
 */
export async function sendInOneRequest(
	file: File,
	data: Buffer,
	metadata: FileMetadata,
	policy: RetryPolicy,
	preconditionOpts?: PreconditionOptions,
): Promise<FileMetadata> {
	const send = async () => {
		const since = Date.now();
		for (let attempt = 1; ; attempt++) {
			try {
				// not file.save(): without a precondition it turns the SDK's retries off for the client
				await new Promise<void>((resolve, reject) => {
					file
						.createWriteStream({
							resumable: false,
							metadata,
							...(preconditionOpts ? { preconditionOpts } : {}),
						})
						.on('error', reject)
						.on('finish', resolve)
						.end(data);
				});
				return file.metadata;
			} catch (error) {
				const decision = retryDecision(error, attempt, since, policy);
				if (!decision.retry) throw error;
				await sleep(decision.delayMs);
			}
		}
	};
	return await sendCheckedPart(
		send,
		(error) => (error as { code?: unknown })?.code === 'FILE_NO_UPLOAD',
	);
}
