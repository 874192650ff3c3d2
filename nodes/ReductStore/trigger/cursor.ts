/**
 * What the trigger remembers between polls: a watermark (the newest record timestamp seen, in
 * microseconds) and the timestamps already emitted or seen at or after `watermark - lookback`.
 * Each poll queries from `watermark - lookback` and skips the remembered timestamps, so a record
 * is never emitted twice; a record written with a timestamp inside the lookback window after the
 * poll that passed it is still picked up. With no lookback the window is the watermark alone
 * (an entry holds one record per timestamp). The state stays small: only the window is kept.
 */
export interface TriggerState {
	watermark: string;
	seen: string[];
}

/** Where the next query starts. */
export function queryStart(state: TriggerState, lookbackUs: bigint): bigint {
	const floor = BigInt(state.watermark) - lookbackUs;
	return floor > 0n ? floor : 0n;
}

/** Whether a record returned by the query is one to emit. */
export function isNew(state: TriggerState, ts: bigint): boolean {
	return !state.seen.includes(ts.toString());
}

/** The state after a poll that emitted (or saw) `timestamps`. */
export function advance(
	state: TriggerState,
	timestamps: bigint[],
	lookbackUs: bigint,
): TriggerState {
	let watermark = BigInt(state.watermark);
	for (const ts of timestamps) if (ts > watermark) watermark = ts;
	const floor = watermark - lookbackUs;
	const seen = new Set<bigint>();
	for (const ts of [...state.seen.map((value) => BigInt(value)), ...timestamps]) {
		if (ts >= floor) seen.add(ts);
	}
	const ordered = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return { watermark: watermark.toString(), seen: ordered.map(String) };
}

/**
 * The first state: everything up to the entry's newest record counts as seen (`seenInWindow`:
 * the records of the lookback window before it). Without an entry yet, every record is new.
 */
export function initialState(
	latest: bigint | undefined,
	seenInWindow: bigint[] = [],
): TriggerState {
	if (latest === undefined) return { watermark: '0', seen: [] };
	return advance(
		{ watermark: latest.toString(), seen: [] },
		[latest, ...seenInWindow],
		BigInt(latest) - minOf(latest, seenInWindow),
	);
}

function minOf(first: bigint, rest: bigint[]): bigint {
	return rest.reduce((min, ts) => (ts < min ? ts : min), first);
}
