import type { ObjectInfo } from '../../shared/storage/driver';

/**
 * What the trigger remembers between polls: a high-water mark of modification times and
 * the fingerprints of objects modified within `settleMs` of it. Objects whose time is
 * older than that window were already seen; objects inside it are compared by
 * fingerprint, so an upload whose time lags behind another's is never skipped and an
 * unchanged object is never emitted twice. The state stays small for any container size.
 */
export interface PollState {
	watermarkMs: number;
	recent: Record<string, string>;
}

function timeOf(object: ObjectInfo): number {
	const ms = object.lastModified ? Date.parse(object.lastModified) : NaN;
	return Number.isFinite(ms) ? ms : 0;
}

function fingerprint(object: ObjectInfo): string {
	return `${object.etag ?? ''}|${object.size}|${object.lastModified ?? ''}`;
}

function remember(
	objects: ObjectInfo[],
	watermarkMs: number,
	settleMs: number,
): Record<string, string> {
	const recent: Record<string, string> = {};
	for (const object of objects) {
		if (timeOf(object) >= watermarkMs - settleMs) recent[object.key] = fingerprint(object);
	}
	return recent;
}

/** The first poll: remember everything that exists, emit nothing. */
export function initialState(objects: ObjectInfo[], settleMs: number, nowMs: number): PollState {
	const watermarkMs = objects.reduce(
		(max, object) => Math.max(max, timeOf(object)),
		nowMs - settleMs,
	);
	return { watermarkMs, recent: remember(objects, watermarkMs, settleMs) };
}

/** A later poll: the objects created or changed since the state was taken, and the new state. */
export function detectChanges(
	state: PollState,
	objects: ObjectInfo[],
	settleMs: number,
): { changed: ObjectInfo[]; state: PollState } {
	const floor = state.watermarkMs - settleMs;
	const changed = objects.filter((object) => {
		const time = timeOf(object);
		if (time > state.watermarkMs) return true;
		return time >= floor && state.recent[object.key] !== fingerprint(object);
	});
	const watermarkMs = objects.reduce(
		(max, object) => Math.max(max, timeOf(object)),
		state.watermarkMs,
	);
	changed.sort((a, b) => timeOf(a) - timeOf(b) || (a.key < b.key ? -1 : 1));
	return { changed, state: { watermarkMs, recent: remember(objects, watermarkMs, settleMs) } };
}
