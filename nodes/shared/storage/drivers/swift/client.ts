import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import {
	httpStatusOf,
	openStackPages,
	openStackRequest,
	openStackRequestAll,
	openStackSession,
	serviceEndpoint,
	type OpenStackContext,
} from '../../../openstack/request';
import { ContainerNotFoundError, ObjectNotFoundError } from '../../errors';
import { swiftPath } from './names';

/**
 * Swift's REST API on the shared OpenStack layer: the account's storage URL comes from the
 * token's catalog (`object-store`), every request goes through the shared transport. The
 * operations live beside this file by concern (containers, objects, uploads, bulk deletes,
 * temporary URLs); the Swift node and the Cloud Storage node's Swift backend both use them.
 */

export const SWIFT_SERVICE = 'object-store';

/** Swift's largest listing page (container_listing_limit). */
export const LISTING_PAGE_SIZE = 10_000;

export interface SwiftResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
}

export interface SwiftCall {
	method?: IHttpRequestMethods;
	/** Below the storage URL: '' for the account, swiftPath(container, object) otherwise. */
	path: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	body?: IHttpRequestOptions['body'];
	json?: boolean;
	encoding?: IHttpRequestOptions['encoding'];
	retrySafe?: boolean;
	timeout?: number;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const plain: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return plain;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return plain;
}

/** User metadata from `X-<kind>-Meta-*` headers, names lower-cased; `except` names are left out. */
export function metadataFrom(
	headers: Record<string, string>,
	kind: 'account' | 'container' | 'object',
	except: string[] = [],
): Record<string, string> {
	const prefix = `x-${kind}-meta-`;
	const metadata: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!name.startsWith(prefix)) continue;
		const key = name.slice(prefix.length);
		if (!except.includes(key)) metadata[key] = value;
	}
	return metadata;
}

/** `X-<kind>-Meta-<name>` headers for metadata. */
export function metadataHeaders(
	metadata: Record<string, string> | undefined,
	kind: 'account' | 'container' | 'object',
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(metadata ?? {}))
		headers[`X-${kind[0].toUpperCase()}${kind.slice(1)}-Meta-${name}`] = value;
	return headers;
}

/** An HTTP date or Swift's listing time ("2026-12-02T07:37:51.254990", UTC) as ISO 8601. */
export function isoTime(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const listing = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value}Z` : value;
	const time = Date.parse(listing);
	return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** A Swift timestamp header ("1796196582.46333", seconds) as ISO 8601. */
export function isoFromTimestamp(value: string | undefined): string | undefined {
	const seconds = Number(value);
	return value && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

export function intHeader(headers: Record<string, string>, name: string): number | undefined {
	const value = Number(headers[name]);
	return headers[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

export class SwiftClient {
	constructor(readonly ctx: OpenStackContext) {}

	/** The account's storage URL (…/v1/AUTH_<project>), from the token's catalog. */
	async storageUrl(): Promise<string> {
		const session = await openStackSession(this.ctx);
		return serviceEndpoint(this.ctx, session, SWIFT_SERVICE);
	}

	/** A request whose answer's status and headers matter (HEAD, PUT, POST, DELETE). */
	async call<T = unknown>(call: SwiftCall): Promise<SwiftResponse<T>> {
		const response = await openStackRequest<{
			body: T;
			headers: unknown;
			statusCode: number;
		}>(this.ctx, {
			service: SWIFT_SERVICE,
			method: call.method ?? 'GET',
			path: call.path,
			qs: call.qs,
			headers: call.headers,
			body: call.body,
			json: call.json ?? false,
			encoding: call.encoding,
			retrySafe: call.retrySafe,
			timeout: call.timeout,
			returnFullResponse: true,
		});
		return {
			body: response.body,
			headers: lowerCaseHeaders(response.headers),
			statusCode: response.statusCode,
		};
	}

	/** A JSON listing (account or container), one page. */
	async listPage<T>(path: string, qs: IDataObject): Promise<T[]> {
		const answer = await openStackRequest<T[] | string>(this.ctx, {
			service: SWIFT_SERVICE,
			path,
			qs: { format: 'json', ...qs },
		});
		// an empty listing answers 204 with no body
		return Array.isArray(answer) ? answer : [];
	}

	/** Every entry of a listing (marker paging), up to `limit`. */
	async listAll<T extends { name?: string; subdir?: string }>(
		path: string,
		qs: IDataObject,
		limit?: number,
	): Promise<T[]> {
		return await openStackRequestAll<T>(
			this.ctx,
			{ service: SWIFT_SERVICE, path, qs: { format: 'json', ...qs } },
			{ limit, pageSize: LISTING_PAGE_SIZE, markerOf: (entry) => entry.name ?? entry.subdir },
		);
	}

	/** A listing page by page (to act on each before the next is fetched). */
	listPages<T extends { name?: string; subdir?: string }>(
		path: string,
		qs: IDataObject,
		pageSize = LISTING_PAGE_SIZE,
	): AsyncGenerator<T[], void, undefined> {
		return openStackPages<T>(
			this.ctx,
			{ service: SWIFT_SERVICE, path, qs: { format: 'json', ...qs } },
			{ pageSize, markerOf: (entry) => entry.name ?? entry.subdir },
		);
	}

	/** Runs a request about a container, turning its 404 into ContainerNotFoundError. */
	async inContainer<T>(container: string, run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			if (httpStatusOf(error) === 404) throw new ContainerNotFoundError(container);
			throw error;
		}
	}

	/** Runs a request about an object, turning its 404 into ObjectNotFoundError. */
	async onObject<T>(container: string, object: string, run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			if (httpStatusOf(error) === 404) throw new ObjectNotFoundError(container, object);
			throw error;
		}
	}

	path(container: string, object?: string): string {
		return swiftPath(container, object);
	}
}
