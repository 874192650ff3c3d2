import * as path from 'path';

import { ensureBigFile } from './bigFile';

const MiB = 1024 ** 2;

/**
 * The size of the file the storage benchmarks move: 1 GiB, or BENCH_MIB mebibytes for a quick
 * run of one benchmark (`BENCH_MIB=64 npm run bench -- s3`). The README's figures are for 1 GiB.
 */
export const BENCH_BYTES = process.env.BENCH_MIB ? Number(process.env.BENCH_MIB) * MiB : 1024 * MiB;

export const BENCH_SIZE_LABEL =
	BENCH_BYTES === 1024 * MiB ? '1 GiB' : `${(BENCH_BYTES / MiB).toFixed(0)} MiB`;

/** The benchmark's source file of BENCH_BYTES in `dir` (kept between runs). */
export async function benchSource(dir: string): Promise<string> {
	const name = BENCH_BYTES === 1024 * MiB ? 'source-1GiB.bin' : `source-${BENCH_BYTES}.bin`;
	return await ensureBigFile(path.join(dir, name), BENCH_BYTES);
}
