import type { RouteContext } from './context';
import { badRequest } from './errors';

/** Opaque page tokens carry the offset and the query of the first request, like Coda's. */

interface TokenData {
	o: number;
	q: string;
}

export function decodePageToken(token: string): TokenData {
	try {
		const data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenData;
		if (Number.isInteger(data.o) && data.o >= 0 && typeof data.q === 'string') return data;
	} catch {
		// fall through
	}
	throw badRequest(`Invalid page token: ${token}`);
}

function encodePageToken(data: TokenData): string {
	return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** Effective query and offset for a request: explicit parameters override those in the token. */
export function resolveListing(query: URLSearchParams): { query: URLSearchParams; offset: number } {
	const token = query.get('pageToken');
	if (token === null) return { query, offset: 0 };
	const data = decodePageToken(token);
	const effective = new URLSearchParams(data.q);
	for (const name of new Set(query.keys())) {
		if (name === 'pageToken') continue;
		effective.delete(name);
		for (const value of query.getAll(name)) effective.append(name, value);
	}
	return { query: effective, offset: data.o };
}

export interface ListPage<T> {
	items: T[];
	href: string;
	nextPageToken?: string;
	nextPageLink?: string;
}

export function paginate<T>(
	ctx: RouteContext,
	items: T[],
	defaultLimit: number,
	maxLimit = 500,
): ListPage<T> {
	const rawLimit = ctx.query.get('limit');
	const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1) throw badRequest(`Invalid limit: ${rawLimit}`);
	const size = Math.min(limit, maxLimit);
	const page: ListPage<T> = {
		items: items.slice(ctx.offset, ctx.offset + size),
		href: ctx.url.href,
	};
	const nextOffset = ctx.offset + size;
	if (nextOffset < items.length) {
		const query = new URLSearchParams(ctx.query);
		query.delete('pageToken');
		query.delete('limit');
		if (rawLimit !== null) query.set('limit', rawLimit);
		page.nextPageToken = encodePageToken({ o: nextOffset, q: query.toString() });
		page.nextPageLink = `${ctx.url.origin}${ctx.url.pathname}?pageToken=${page.nextPageToken}`;
	}
	return page;
}
