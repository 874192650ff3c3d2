import {
	advance,
	initialState,
	isNew,
	queryStart,
	type TriggerState,
} from '../../../nodes/ReductStore/trigger/cursor';

/** Simulates polls over an entry (timestamps only): what each poll emits. */
function simulate(
	lookback: bigint,
	events: Array<{ write?: bigint[]; poll?: true }>,
	existing: bigint[] = [],
) {
	const entry = new Set<bigint>(existing);
	const sorted = () => [...entry].sort((a, b) => (a < b ? -1 : 1));
	const latest = existing.length ? sorted()[existing.length - 1] : undefined;
	let state: TriggerState = initialState(
		latest,
		latest === undefined ? [] : sorted().filter((ts) => ts >= latest - lookback),
	);
	const emitted: bigint[][] = [];
	for (const event of events) {
		for (const ts of event.write ?? []) entry.add(ts);
		if (!event.poll) continue;
		const start = queryStart(state, lookback);
		const fresh = sorted().filter((ts) => ts >= start && isNew(state, ts));
		emitted.push(fresh);
		state = advance(state, fresh, lookback);
	}
	return { emitted, state };
}

describe('trigger state', () => {
	it('emits nothing that existed at activation, then each new record exactly once', () => {
		const { emitted } = simulate(
			0n,
			[
				{ poll: true },
				{ write: [30n, 25n], poll: true },
				{ poll: true },
				{ write: [31n], poll: true },
			],
			[10n, 20n],
		);
		expect(emitted).toEqual([[], [25n, 30n], [], [31n]]);
	});

	it('starts at the beginning when the entry did not exist', () => {
		expect(initialState(undefined)).toEqual({ watermark: '0', seen: [] });
		const { emitted } = simulate(0n, [{ write: [0n, 1n], poll: true }, { poll: true }]);
		expect(emitted).toEqual([[0n, 1n], []]);
	});

	it('with a lookback, catches late records inside the window and keeps only the window in state', () => {
		const { emitted, state } = simulate(
			10n,
			[
				{ write: [100n], poll: true },
				{ write: [95n, 80n], poll: true },
				{ write: [120n], poll: true },
				{ write: [111n, 109n], poll: true },
			],
			[90n, 88n, 50n],
		);
		expect(emitted).toEqual([[100n], [95n], [120n], [111n]]);
		expect(state).toEqual({ watermark: '120', seen: ['111', '120'] });
	});

	it('never lets the watermark go back, nor the query start below zero', () => {
		const state = advance({ watermark: '50', seen: ['50'] }, [40n], 5n);
		expect(state.watermark).toBe('50');
		expect(queryStart({ watermark: '3', seen: [] }, 10n)).toBe(0n);
	});
});
