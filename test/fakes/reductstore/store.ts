import { badRequest, conflict, type Labels, notFound, unprocessable } from './http';

export interface StoredRecord {
	ts: bigint;
	data: Buffer;
	contentType: string;
	labels: Labels;
}

export type QuotaType = 'NONE' | 'FIFO' | 'HARD';

export interface BucketSettings {
	max_block_size: bigint;
	max_block_records: bigint;
	quota_type: QuotaType;
	quota_size: bigint;
}

export const DEFAULT_SETTINGS: BucketSettings = {
	max_block_size: 64_000_000n,
	max_block_records: 1024n,
	quota_type: 'NONE',
	quota_size: 0n,
};

const META_SUFFIX = '/$meta';
const BUCKET_NAME = /^[A-Za-z0-9_-]+$/;
const ENTRY_NAME = /^[A-Za-z0-9_/-]+$/;

export function checkBucketName(name: string): void {
	if (!BUCKET_NAME.test(name)) {
		throw unprocessable('Bucket or entry name can contain only letters, digests and [-,_] symbols');
	}
}

export function isMetaEntry(name: string): boolean {
	return name.endsWith(META_SUFFIX);
}

export function checkEntryName(name: string): void {
	const base = isMetaEntry(name) ? name.slice(0, -META_SUFFIX.length) : name;
	if (!ENTRY_NAME.test(base) || base.startsWith('/') || base.endsWith('/') || base.includes('//')) {
		throw unprocessable(
			"Entry name can contain only letters, digits and [-,_,/] symbols or end with '/$meta'",
		);
	}
}

/** Records of one entry, kept sorted by timestamp. */
export class EntryData {
	readonly records: StoredRecord[] = [];

	constructor(public name: string) {}

	/** Index of the first record with `ts >= value`. */
	lowerBound(value: bigint): number {
		let lo = 0;
		let hi = this.records.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.records[mid].ts < value) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	get(ts: bigint): StoredRecord | undefined {
		const rec = this.records[this.lowerBound(ts)];
		return rec?.ts === ts ? rec : undefined;
	}

	insert(record: StoredRecord): void {
		const idx = this.lowerBound(record.ts);
		if (this.records[idx]?.ts === record.ts) {
			throw conflict(`A record with timestamp ${record.ts} already exists`);
		}
		this.records.splice(idx, 0, record);
	}

	remove(ts: bigint): boolean {
		const idx = this.lowerBound(ts);
		if (this.records[idx]?.ts !== ts) return false;
		this.records.splice(idx, 1);
		return true;
	}

	size(): number {
		return this.records.reduce((sum, rec) => sum + rec.data.length, 0);
	}

	oldest(): bigint {
		return this.records[0]?.ts ?? 0n;
	}

	latest(): bigint {
		return this.records[this.records.length - 1]?.ts ?? 0n;
	}
}

export class BucketData {
	readonly entries = new Map<string, EntryData>();
	provisioned = false;

	constructor(
		public name: string,
		public settings: BucketSettings,
	) {}

	getEntry(name: string): EntryData {
		const entry = this.entries.get(name);
		if (!entry) throw notFound(`Entry '${name}' not found in bucket '${this.name}'`);
		return entry;
	}

	/** Visible entries: `$meta` attachment entries are hidden from lists and counts. */
	visibleEntries(): EntryData[] {
		return [...this.entries.values()].filter((e) => !isMetaEntry(e.name));
	}

	size(): number {
		let total = 0;
		for (const entry of this.entries.values()) total += entry.size();
		return total;
	}

	timeRange(): { oldest: bigint; latest: bigint } {
		let oldest: bigint | undefined;
		let latest: bigint | undefined;
		for (const entry of this.entries.values()) {
			if (entry.records.length === 0) continue;
			if (oldest === undefined || entry.oldest() < oldest) oldest = entry.oldest();
			if (latest === undefined || entry.latest() > latest) latest = entry.latest();
		}
		return { oldest: oldest ?? 0n, latest: latest ?? 0n };
	}

	/** Writes a record, applying `$meta` attachment rules and the bucket quota. */
	write(entryName: string, record: StoredRecord): void {
		checkEntryName(entryName);
		if (isMetaEntry(entryName)) {
			if (record.labels.key === undefined) {
				throw unprocessable("Label 'key' is required for records in a '$meta' entry");
			}
			if (record.labels.remove === 'true') {
				throw unprocessable(
					"Label 'remove=true' is not allowed in a write; update the record instead",
				);
			}
		}
		const { quota_type: quotaType, quota_size: quotaSize } = this.settings;
		if (quotaType === 'HARD' && BigInt(this.size() + record.data.length) > quotaSize) {
			throw badRequest(`Quota of '${this.name}' exceeded`);
		}

		let entry = this.entries.get(entryName);
		if (!entry) {
			entry = new EntryData(entryName);
			this.entries.set(entryName, entry);
		}
		if (isMetaEntry(entryName)) {
			const previous = entry.records.find((r) => r.labels.key === record.labels.key);
			entry.insert(record);
			if (previous) entry.remove(previous.ts);
		} else {
			entry.insert(record);
		}
		if (quotaType === 'FIFO') this.enforceFifo(quotaSize, record);
	}

	/** Drops the oldest records until the bucket fits its quota (never the record just written). */
	private enforceFifo(quota: bigint, keep: StoredRecord): void {
		while (BigInt(this.size()) > quota) {
			let victim: { entry: EntryData; ts: bigint } | undefined;
			for (const entry of this.entries.values()) {
				const first = entry.records.find((r) => r !== keep);
				if (first && (!victim || first.ts < victim.ts)) victim = { entry, ts: first.ts };
			}
			if (!victim) return;
			victim.entry.remove(victim.ts);
		}
	}

	getRecord(entryName: string, ts: bigint): StoredRecord {
		const record = this.getEntry(entryName).get(ts);
		if (!record) throw notFound(`No record with timestamp ${ts}`);
		return record;
	}

	/** Label update: empty value removes a label; `remove=true` on a `$meta` record deletes it. */
	updateLabels(entryName: string, ts: bigint, update: Labels, remove: Iterable<string> = []): void {
		const record = this.getRecord(entryName, ts);
		for (const key of remove) delete record.labels[key];
		for (const [key, value] of Object.entries(update)) {
			if (value === '') delete record.labels[key];
			else record.labels[key] = value;
		}
		if (isMetaEntry(entryName) && record.labels.remove === 'true') {
			this.getEntry(entryName).remove(ts);
		}
	}

	removeRecord(entryName: string, ts: bigint): void {
		if (!this.getEntry(entryName).remove(ts)) throw notFound(`No record with timestamp ${ts}`);
	}

	removeEntry(name: string): void {
		if (isMetaEntry(name)) {
			throw conflict("System '$meta' entry can be removed only with its parent entry");
		}
		this.getEntry(name);
		this.entries.delete(name);
		this.entries.delete(`${name}${META_SUFFIX}`);
	}

	renameEntry(oldName: string, newName: string): void {
		checkEntryName(newName);
		const entry = this.getEntry(oldName);
		if (this.entries.has(newName)) {
			throw conflict(`Entry '${newName}' already exists in bucket '${this.name}'`);
		}
		this.entries.delete(oldName);
		entry.name = newName;
		this.entries.set(newName, entry);
		const meta = this.entries.get(`${oldName}${META_SUFFIX}`);
		if (meta) {
			this.entries.delete(meta.name);
			meta.name = `${newName}${META_SUFFIX}`;
			this.entries.set(meta.name, meta);
		}
	}
}
