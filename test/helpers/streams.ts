import { Readable } from 'stream';

/**
 * A source that delivers exactly `size` bytes (from `chunk`, repeated) and then fails on the
 * consumer's next read — an input that breaks half-way, at a byte count rather than after a
 * delay, so the outcome does not depend on how fast the consumer reads.
 */
export function brokenAfter(
	size: number,
	error: Error = new Error('the source broke off'),
	chunk: Buffer = Buffer.alloc(64 * 1024, 7),
): Readable {
	let sent = 0;
	return new Readable({
		read() {
			if (sent >= size) {
				this.destroy(error);
				return;
			}
			const length = Math.min(chunk.length, size - sent);
			sent += length;
			this.push(chunk.subarray(0, length));
		},
	});
}
