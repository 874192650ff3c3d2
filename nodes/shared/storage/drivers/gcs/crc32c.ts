/**
 * A faster CRC32C for the SDK's integrity checks (`crc32cGenerator`). The SDK's portable
 * implementation runs at about 45 MB/s here, which would dominate a large transfer; this
 * slicing-by-8 table version runs at about 370 MB/s. Same results (checked against the
 * SDK's own class in the unit tests).
 */
import type { CRC32CValidator } from '@google-cloud/storage';

const POLY = 0x82f63b78; // Castagnoli, reflected
const TABLES: Uint32Array[] = [];
{
	const base = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
		base[n] = c >>> 0;
	}
	TABLES.push(base);
	for (let t = 1; t < 8; t++) {
		const table = new Uint32Array(256);
		for (let n = 0; n < 256; n++)
			table[n] = ((TABLES[t - 1][n] >>> 8) ^ base[TABLES[t - 1][n] & 0xff]) >>> 0;
		TABLES.push(table);
	}
}
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

/** Extends a running CRC32C (start from 0) over `data`. */
export function crc32c(crc: number, data: Uint8Array): number {
	let c = ~crc >>> 0;
	let i = 0;
	const end8 = data.length - (data.length % 8);
	for (; i < end8; i += 8) {
		const lo =
			(c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
		c =
			T7[lo & 0xff] ^
			T6[(lo >>> 8) & 0xff] ^
			T5[(lo >>> 16) & 0xff] ^
			T4[lo >>> 24] ^
			T3[data[i + 4]] ^
			T2[data[i + 5]] ^
			T1[data[i + 6]] ^
			T0[data[i + 7]];
	}
	for (; i < data.length; i++) c = T0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

/** a(x) · b(x) modulo the CRC32C polynomial, in the reflected bit order of `crc32c` (a ≠ 0). */
function multiplyModPoly(a: number, b: number): number {
	let product = 0;
	for (let bit = 0x80000000; ; bit >>>= 1) {
		if (a & bit) {
			product ^= b;
			if ((a & (bit - 1)) === 0) break;
		}
		b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
	}
	return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const X_POW_2K: number[] = [];
for (let power = 0x40000000, k = 0; k < 32; k++) {
	X_POW_2K.push(power);
	power = multiplyModPoly(power, power);
}

/**
 * The CRC32C of A followed by B from the CRC32Cs of A and B and B's length (zlib's
 * crc32_combine, for this polynomial): what Google reports for a composed object.
 */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
	// x^(8 · lengthB) modulo the polynomial: one factor per set bit of the length
	let shift = 0x80000000;
	for (let n = lengthB, k = 3; n > 0; n = Math.floor(n / 2), k++)
		if (n % 2 === 1) shift = multiplyModPoly(X_POW_2K[k % 32], shift);
	return (multiplyModPoly(shift, crcA) ^ crcB) >>> 0;
}

/** Google's base64 CRC32C (`crc32c` field) as a number. */
export function crc32cFromBase64(value: string): number {
	return Buffer.from(value, 'base64').readUInt32BE(0);
}

/** A CRC32C as Google reports it: base64 of the big-endian value (`crc32c` field, `X-Goog-Hash`). */
export function crc32cBase64(crc: number): string {
	const bytes = Buffer.alloc(4);
	bytes.writeUInt32BE(crc >>> 0);
	return bytes.toString('base64');
}

class FastCrc32c implements CRC32CValidator {
	private value = 0;

	update(data: Buffer): void {
		this.value = crc32c(this.value, data);
	}

	toString(): string {
		return crc32cBase64(this.value);
	}

	validate(value: string | Buffer | { toString(): string }): boolean {
		const expected = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
		return expected === this.toString();
	}
}

export const fastCrc32cGenerator = (): CRC32CValidator => new FastCrc32c();
