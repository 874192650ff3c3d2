import { randomBytes } from 'crypto';
import { createWriteStream, existsSync, statSync } from 'fs';
import { once } from 'events';

/** Writes `bytes` of incompressible data to `file` with a stream (kept between runs). */
export async function ensureBigFile(file: string, bytes: number): Promise<string> {
	if (existsSync(file) && statSync(file).size === bytes) return file;
	const out = createWriteStream(file);
	const block = randomBytes(1024 * 1024);
	for (let written = 0; written < bytes; written += block.length) {
		block.writeUInt32LE(written / block.length, 0); // no two blocks alike
		if (!out.write(block.subarray(0, Math.min(block.length, bytes - written))))
			await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return file;
}
