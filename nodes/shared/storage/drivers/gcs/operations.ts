/**
 * Every Google Cloud Storage operation of the pack, written once: the GCS node's actions and
 * the Cloud Storage node's GCS driver both call these. Bytes always move as streams. One file
 * per concern: buckets.ts, objects.ts (list, metadata, copy, delete), upload.ts, download.ts,
 * signedUrl.ts; shapes.ts turns the SDK's metadata into the pack's objects.
 */
export * from './shapes';
export * from './buckets';
export * from './objects';
export * from './upload';
export * from './download';
export * from './signedUrl';
export { bucketNotFound, objectNotFound } from './errors';
