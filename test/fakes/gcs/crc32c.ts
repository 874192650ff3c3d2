/**
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-8, incremental.
 * Google reports it base64-encoded, big-endian (`crc32c` field, `x-goog-hash: crc32c=…`).
 */
const POLY = 0x82f63b78;
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
		for (let n = 0; n < 256; n++) table[n] = ((TABLES[t - 1][n] >>> 8) ^ base[TABLES[t - 1][n] & 0xff]) >>> 0;
		TABLES.push(table);
	}
}
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

/** Extends a running CRC (start with 0) over `data`. */
export function crc32cUpdate(crc: number, data: Uint8Array): number {
	let c = ~crc >>> 0;
	let i = 0;
	const end8 = data.length - (data.length % 8);
	for (; i < end8; i += 8) {
		const lo = (c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
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

export function crc32cBase64(crc: number): string {
	const bytes = Buffer.alloc(4);
	bytes.writeUInt32BE(crc >>> 0);
	return bytes.toString('base64');
}
