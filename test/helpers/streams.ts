import { randomBytes } from 'crypto';
import { Readable } from 'stream';

/**
 * A source that gives `size` bytes (random, or copies of `chunk`) and then fails, like an
 * input that breaks half-way: it breaks when asked for more after `size` bytes — a byte
 * count, never a delay, so the test does not depend on timing.
 */
export function breakingSource(
	size: number,
	error: Error,
	chunk: Buffer = randomBytes(64 * 1024),
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
