/**
 * CRC32C as Google reports it (base64, big-endian: the `crc32c` field and `x-goog-hash`).
 * The checksum itself is the driver's (nodes/shared/storage/drivers/gcs/crc32c.ts); the fake's
 * answers are checked by the official @google-cloud/storage client, which computes CRC32C on
 * its own, so a fault shared by both would still be caught.
 */
import { crc32c, crc32cBase64 } from '../../../nodes/shared/storage/drivers/gcs/crc32c';

/** Extends a running CRC (start with 0) over `data`. */
export const crc32cUpdate = (crc: number, data: Uint8Array): number => crc32c(crc, data);

export { crc32cBase64 };
