import type { ObjectInfo } from '../../../nodes/shared/storage/driver';
import {
	detectChanges,
	initialState,
	type PollState,
} from '../../../nodes/CloudStorage/trigger/changeDetector';

const T0 = Date.parse('2026-01-10T12:00:00.000Z');
const SETTLE = 60_000;

function obj(key: string, offsetMs: number, etag = `e-${key}`, size = 10): ObjectInfo {
	return { container: 'c', key, size, etag, lastModified: new Date(T0 + offsetMs).toISOString() };
}

/** Runs polls in sequence; returns the keys emitted by each and the final state. */
function run(state: PollState, listings: ObjectInfo[][]) {
	const emitted: string[][] = [];
	for (const listing of listings) {
		const result = detectChanges(state, listing, SETTLE);
		emitted.push(result.changed.map((o) => o.key));
		state = result.state;
	}
	return { emitted, state };
}

describe('changeDetector', () => {
	test('the first poll remembers what exists and emits nothing', () => {
		const existing = [obj('a', -5_000), obj('b', -1_000)];
		const state = initialState(existing, SETTLE, T0);
		expect(state.watermarkMs).toBe(T0 - 1_000);
		expect(Object.keys(state.recent).sort()).toEqual(['a', 'b']);
		// nothing changed: the next poll emits nothing either
		expect(detectChanges(state, existing, SETTLE).changed).toEqual([]);
	});

	test('a first poll over an empty container starts the watermark from now minus the settle window', () => {
		const state = initialState([], SETTLE, T0);
		expect(state).toEqual({ watermarkMs: T0 - SETTLE, recent: {} });
		const { changed } = detectChanges(state, [obj('late', -1_000)], SETTLE);
		expect(changed.map((o) => o.key)).toEqual(['late']);
	});

	test('a new object is emitted exactly once', () => {
		const a = obj('a', -5_000);
		const b = obj('b', 1_000);
		const { emitted } = run(initialState([a], SETTLE, T0), [
			[a, b],
			[a, b],
			[a, b],
		]);
		expect(emitted).toEqual([['b'], [], []]);
	});

	test('unchanged objects are never re-emitted, even as the watermark moves on', () => {
		const a = obj('a', 0);
		let listing = [a];
		const listings: ObjectInfo[][] = [];
		for (let i = 1; i <= 5; i++) {
			listing = [...listing, obj(`n${i}`, i * 40_000)];
			listings.push(listing);
		}
		const { emitted } = run(initialState([a], SETTLE, T0), listings);
		expect(emitted).toEqual([['n1'], ['n2'], ['n3'], ['n4'], ['n5']]);
	});

	test('an object whose etag or size changed is emitted again', () => {
		const a = obj('a', 0);
		const state = initialState([a], SETTLE, T0);
		const etagChanged = obj('a', 0, 'other-etag');
		const sizeChanged = obj('a', 0, 'other-etag', 11);
		const { emitted } = run(state, [[etagChanged], [etagChanged], [sizeChanged], [sizeChanged]]);
		expect(emitted).toEqual([['a'], [], ['a'], []]);
	});

	test('an object rewritten later is emitted again', () => {
		const a = obj('a', 0);
		const { emitted } = run(initialState([a], SETTLE, T0), [
			[obj('a', 5_000, 'v2')],
			[obj('a', 5_000, 'v2')],
		]);
		expect(emitted).toEqual([['a'], []]);
	});

	test('an object whose time lags behind the watermark, inside the settle window, is still emitted', () => {
		const a = obj('a', 0);
		const fast = obj('fast', 30_000);
		// a slow upload started before "fast" and finished after the previous poll
		const slow = obj('slow', 30_000 - SETTLE + 1_000);
		const { emitted } = run(initialState([a], SETTLE, T0), [
			[a, fast],
			[a, fast, slow],
			[a, fast, slow],
		]);
		expect(emitted).toEqual([['fast'], ['slow'], []]);
	});

	test('an object with the same time as the watermark but seen for the first time is emitted', () => {
		const a = obj('a', 10_000);
		const twin = obj('twin', 10_000);
		const { emitted } = run(initialState([a], SETTLE, T0), [
			[a, twin],
			[a, twin],
		]);
		expect(emitted).toEqual([['twin'], []]);
	});

	test('an object older than the settle window behind the watermark is not emitted', () => {
		const a = obj('a', 0);
		const ancient = obj('ancient', -10 * SETTLE);
		const { emitted } = run(initialState([a], SETTLE, T0), [[a, ancient]]);
		expect(emitted).toEqual([[]]);
	});

	test('changes come out oldest first', () => {
		const state = initialState([], SETTLE, T0);
		const { changed } = detectChanges(
			state,
			[obj('c', 3_000), obj('a', 5_000), obj('b', 3_000)],
			SETTLE,
		);
		expect(changed.map((o) => o.key)).toEqual(['b', 'c', 'a']);
	});

	test('the state stays bounded: objects that fell out of the settle window are pruned', () => {
		let state = initialState([], SETTLE, T0);
		const all: ObjectInfo[] = [];
		const sizes: number[] = [];
		let emittedTotal = 0;
		for (let i = 0; i < 200; i++) {
			all.push(obj(`k${String(i).padStart(3, '0')}`, i * 10_000));
			const result = detectChanges(state, all, SETTLE);
			emittedTotal += result.changed.length;
			state = result.state;
			sizes.push(Object.keys(state.recent).length);
		}
		expect(emittedTotal).toBe(200);
		// one object every 10 s with a 60 s window: at most 7 remembered, never the 200 listed
		expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
		expect(Object.keys(state.recent)).not.toContain('k000');
		expect(state.recent.k199).toBeDefined();
		expect(state.watermarkMs).toBe(T0 + 199 * 10_000);
		// and the pruned objects are still not re-emitted
		expect(detectChanges(state, all, SETTLE).changed).toEqual([]);
	});
});
