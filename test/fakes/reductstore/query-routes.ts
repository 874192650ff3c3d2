/** Endpoints that start queries: Entry API (`/b/:bucket/:entry/q`) and I/O API (`/io/:bucket/q`). */
import { type Ctx, getBucket } from './context';
import { readJson, sendJson, unprocessable } from './http';
import {
	hasRemoveFilter,
	parseLegacyQuery,
	parseQueryRequest,
	type QueryRequest,
	removeByQuery,
	resolveEntries,
} from './query';
import { requireRead, requireWrite } from './tokens';

function run(ctx: Ctx, bucketName: string, req: QueryRequest, entries: () => string[]): void {
	if (req.type === 'REMOVE') {
		requireWrite(ctx, bucketName);
		const bucket = getBucket(ctx.state, bucketName);
		const removed = removeByQuery(ctx.state, bucket.name, req, entries());
		sendJson(ctx.res, { removed_records: removed });
		return;
	}
	requireRead(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const query = ctx.state.queries.start(bucket, req, entries());
	sendJson(ctx.res, { id: query.id });
}

/** POST (JSON query), GET (legacy query string) and DELETE (legacy remove) on `/b/:bucket/:entry/q`. */
export async function entryQuery(ctx: Ctx, bucketName: string, entry: string): Promise<boolean> {
	let req: QueryRequest;
	if (ctx.method === 'POST') req = parseQueryRequest(await readJson(ctx.req));
	else if (ctx.method === 'GET') req = parseLegacyQuery(ctx.url, 'QUERY');
	else if (ctx.method === 'DELETE') req = parseLegacyQuery(ctx.url, 'REMOVE');
	else return false;
	run(ctx, bucketName, req, () => {
		getBucket(ctx.state, bucketName).getEntry(entry);
		return [entry];
	});
	return true;
}

/** POST /io/:bucket/q */
export async function ioQuery(ctx: Ctx, bucketName: string): Promise<void> {
	const req = parseQueryRequest(await readJson(ctx.req));
	if (req.type === 'REMOVE' && !hasRemoveFilter(req)) {
		throw unprocessable('Define at least one query parameter to delete records');
	}
	run(ctx, bucketName, req, () => resolveEntries(getBucket(ctx.state, bucketName), req.entries));
}
