import type { SwiftClient } from './client';

/**
 * Deleting many objects: Swift's bulk delete (`POST ?bulk-delete`, one request for up to 1,000
 * names here; Swift's default cap is 10,000) and large objects with their segments
 * (`DELETE ?multipart-manifest=delete`). Bulk delete only counts what it did not find, so the
 * names are first looked up in the container listing: every result says what really happened.
 */

export const BULK_DELETE_BATCH = 1000;

interface BulkAnswer {
	'Response Status'?: string;
	'Response Body'?: string;
	'Number Deleted'?: number;
	'Number Not Found'?: number;
	Errors?: Array<[string, string]>;
}

function parseAnswer(body: unknown): BulkAnswer {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as BulkAnswer;
		} catch {
			return { 'Response Status': 'unreadable answer', 'Response Body': body.slice(0, 200) };
		}
	}
	return (body ?? {}) as BulkAnswer;
}

function statusOk(answer: BulkAnswer): boolean {
	return /^2\d\d/.test(answer['Response Status'] ?? '200');
}

/** `/container/object`, each part encoded: how bulk delete wants its names. */
function bulkLine(container: string, object: string): string {
	return `/${encodeURIComponent(container)}/${object.split('/').map(encodeURIComponent).join('/')}`;
}

export interface BulkResult {
	/** name → Swift's error status, for the names it could not delete */
	errors: Map<string, string>;
	deleted: number;
	notFound: number;
}

/** Bulk-deletes objects of one container, in batches. */
export async function bulkDelete(
	swift: SwiftClient,
	container: string,
	objects: string[],
): Promise<BulkResult> {
	const result: BulkResult = { errors: new Map(), deleted: 0, notFound: 0 };
	for (let start = 0; start < objects.length; start += BULK_DELETE_BATCH) {
		const batch = objects.slice(start, start + BULK_DELETE_BATCH);
		const byLine = new Map(
			batch.map((object) => [decodeURIComponent(bulkLine(container, object)), object]),
		);
		const { body } = await swift.call({
			method: 'POST',
			path: '',
			qs: { 'bulk-delete': 'true' },
			headers: { 'Content-Type': 'text/plain', Accept: 'application/json' },
			body: batch.map((object) => bulkLine(container, object)).join('\n'),
			// deleting twice deletes nothing more: safe to repeat
			retrySafe: true,
		});
		const answer = parseAnswer(body);
		result.deleted += answer['Number Deleted'] ?? 0;
		result.notFound += answer['Number Not Found'] ?? 0;
		for (const [path, status] of answer.Errors ?? []) {
			result.errors.set(byLine.get(path) ?? byLine.get(decodeURIComponent(path)) ?? path, status);
		}
		if (!statusOk(answer) && (answer.Errors ?? []).length === 0) {
			for (const object of batch) result.errors.set(object, answer['Response Status'] ?? 'failed');
		}
	}
	return result;
}

/** Deletes a Static Large Object's manifest and its segments. */
export async function deleteLargeObject(
	swift: SwiftClient,
	container: string,
	object: string,
): Promise<number> {
	const { body } = await swift.onObject(
		container,
		object,
		async () =>
			await swift.call({
				method: 'DELETE',
				path: swift.path(container, object),
				qs: { 'multipart-manifest': 'delete' },
				headers: { Accept: 'application/json' },
			}),
	);
	const answer = parseAnswer(body);
	const errors = answer.Errors ?? [];
	if (!statusOk(answer) || errors.length > 0) {
		const detail = errors.map(([path, status]) => `${path}: ${status}`).join('; ');
		throw new Error(
			`Swift could not delete the large object "${object}" with its segments (${answer['Response Status'] ?? 'failed'}${detail ? `; ${detail}` : ''})`,
		);
	}
	return answer['Number Deleted'] ?? 0;
}

export interface ListedObject {
	name?: string;
	subdir?: string;
	bytes?: number;
	hash?: string;
	content_type?: string;
	last_modified?: string;
	slo_etag?: string;
	symlink_path?: string;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function commonPrefix(names: string[]): string {
	let prefix = Array.from(names[0]);
	for (const name of names.slice(1)) {
		const chars = Array.from(name);
		let length = 0;
		while (length < prefix.length && length < chars.length && prefix[length] === chars[length])
			length++;
		prefix = prefix.slice(0, length);
	}
	return prefix.join('');
}

/**
 * Which of `names` exist, read from the container listing between the smallest and the largest
 * name (Swift lists in byte order), with whether each is a Static Large Object.
 */
export async function findListed(
	swift: SwiftClient,
	container: string,
	names: string[],
): Promise<Map<string, ListedObject>> {
	const found = new Map<string, ListedObject>();
	if (names.length === 0) return found;
	const wanted = new Set(names);
	const sorted = [...wanted].sort(byteOrder);
	const [first, last] = [sorted[0], sorted[sorted.length - 1]];
	const qs: Record<string, string> = { prefix: commonPrefix(sorted) };
	const before = Array.from(first).slice(0, -1).join('');
	if (before) qs.marker = before;
	await swift.inContainer(container, async () => {
		for await (const page of swift.listPages<ListedObject>(swift.path(container), qs)) {
			for (const entry of page) {
				if (entry.name !== undefined && wanted.has(entry.name)) found.set(entry.name, entry);
			}
			const tail = page[page.length - 1]?.name;
			if (tail === undefined || byteOrder(tail, last) >= 0 || found.size === wanted.size) break;
		}
	});
	return found;
}

export interface DeleteResult {
	key: string;
	deleted: boolean;
	error?: string;
	/** segments deleted with a large object */
	segmentsDeleted?: number;
}

/** Deletes objects of one container: a result per name, in the order given. */
export async function deleteObjects(
	swift: SwiftClient,
	container: string,
	names: string[],
): Promise<DeleteResult[]> {
	const listed = await findListed(swift, container, names);
	const large = [...listed.values()]
		.filter((entry) => entry.slo_etag !== undefined)
		.map((entry) => entry.name!);
	const plain = [...listed.keys()].filter((name) => !large.includes(name));
	const outcome = new Map<string, DeleteResult>();
	for (const name of large) {
		try {
			const count = await deleteLargeObject(swift, container, name);
			outcome.set(name, { key: name, deleted: true, segmentsDeleted: Math.max(0, count - 1) });
		} catch (error) {
			outcome.set(name, { key: name, deleted: false, error: (error as Error).message });
		}
	}
	const bulk = await bulkDelete(swift, container, plain);
	for (const name of plain) {
		const error = bulk.errors.get(name);
		outcome.set(name, error ? { key: name, deleted: false, error } : { key: name, deleted: true });
	}
	return names.map(
		(name) => outcome.get(name) ?? { key: name, deleted: false, error: 'Not found' },
	);
}

/** Deletes every object of a container (large objects with their segments); returns how many. */
export async function emptyContainer(swift: SwiftClient, container: string): Promise<number> {
	let count = 0;
	await swift.inContainer(container, async () => {
		for await (const page of swift.listPages<ListedObject>(swift.path(container), {})) {
			const names = page
				.map((entry) => entry.name)
				.filter((name): name is string => name !== undefined);
			for (const entry of page) {
				if (entry.slo_etag !== undefined && entry.name !== undefined) {
					await deleteLargeObject(swift, container, entry.name).catch(() => undefined);
				}
			}
			const plain = page
				.filter((entry) => entry.slo_etag === undefined && entry.name !== undefined)
				.map((entry) => entry.name!);
			const result = await bulkDelete(swift, container, plain);
			count += names.length - result.errors.size;
		}
	});
	return count;
}
