import { parse } from 'csv-parse/sync';

import { accepted, listed, NEWSLETTERS, ok, type RouteContext, type Routes } from '../context';
import { invalid, notFound } from '../errors';
import { filterValue, listing } from '../listing';
import { nowSeconds, type Field, type Subscriber, type SubscriberStatus } from '../store';
import { isAddress, requireAddress } from '../validation';
import { matchesFilter } from './groups';

const STATUSES: SubscriberStatus[] = ['active', 'bounced', 'junk', 'unconfirmed', 'unsubscribed'];

interface Upsert {
	email: string;
	fields?: Record<string, string>;
	groups?: number[];
	status?: SubscriberStatus;
	source: Subscriber['source'];
	/** Import without "replace fields": existing values stay. */
	keepFields?: boolean;
}

function subscriberOf(ctx: RouteContext): Subscriber {
	const subscriber = ctx.store.subscriber(Number(ctx.params.subscriber));
	if (!subscriber) throw notFound('Subscriber', ctx.params.subscriber);
	return subscriber;
}

/** `fields` of a body: an object of existing field keys (the e-mail is not a field to set). */
function fieldValues(ctx: RouteContext, given: unknown): Record<string, string> | undefined {
	if (given === undefined || (Array.isArray(given) && given.length === 0)) return undefined;
	if (!given || typeof given !== 'object' || Array.isArray(given))
		throw invalid({ fields: 'The fields must be an object of field keys.' });
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(given)) {
		if (key === 'email' || !ctx.store.fields.some((f) => f.key === key))
			throw invalid({ [`fields.${key}`]: 'The selected field is invalid.' });
		values[key] = value === null || value === undefined ? '' : String(value);
	}
	return values;
}

/** `groups` of a body: ids of existing groups, or names (a group is created for a new name). */
function groupIds(ctx: RouteContext, given: unknown): number[] | undefined {
	if (given === undefined) return undefined;
	if (!Array.isArray(given)) throw invalid({ groups: 'The groups must be an array.' });
	return given.map((entry, index) => {
		if (typeof entry === 'number') {
			if (!ctx.store.group(entry))
				throw invalid({ [`groups.${index}`]: 'The selected group does not exist.' });
			return entry;
		}
		const name = String(entry).trim();
		if (/^\d+$/.test(name) && ctx.store.group(Number(name))) return Number(name);
		const existing = ctx.store.groups.find((g) => g.name.toLowerCase() === name.toLowerCase());
		return (existing ?? ctx.store.addGroup(name)).id;
	});
}

function statusOf(given: unknown, allowed: SubscriberStatus[]): SubscriberStatus | undefined {
	if (given === undefined || given === null || given === '') return undefined;
	if (!allowed.includes(given as SubscriberStatus))
		throw invalid({ status: 'The selected status is invalid.' });
	return given as SubscriberStatus;
}

/** Creates the subscriber, or updates the one with the address (a deleted one comes back). */
function upsert(ctx: RouteContext, input: Upsert): { subscriber: Subscriber; created: boolean } {
	const { store } = ctx;
	let subscriber = store.subscriberByEmail(input.email);
	const created = !subscriber || subscriber.deleted;
	if (!subscriber) {
		subscriber = {
			id: store.id(),
			email: input.email,
			status: 'active',
			created_at: nowSeconds(),
			source: input.source,
			fields: new Map(),
			groups: new Set(),
			deleted: false,
		};
		store.subscribers.push(subscriber);
	}
	subscriber.deleted = false;
	for (const [key, value] of Object.entries(input.fields ?? {}))
		if (!input.keepFields || !subscriber.fields.has(key)) subscriber.fields.set(key, value);
	for (const id of input.groups ?? []) subscriber.groups.add(id);
	if (input.status) subscriber.status = input.status;
	return { subscriber, created };
}

function listSubscribers(ctx: RouteContext) {
	const groups = ([] as string[]).concat(filterValue(ctx.query, 'groups') ?? []).map(Number);
	for (const [index, id] of groups.entries())
		if (!ctx.store.group(id))
			throw invalid({ [`filter.groups.${index}`]: 'The selected group does not exist.' });
	const found = ctx.store.members.filter(
		(s) => matchesFilter(ctx, s) && (groups.length === 0 || groups.some((id) => s.groups.has(id))),
	);
	return listed(listing(found, ctx.query, (s) => ctx.present.subscriber(s, false)));
}

/** `POST /subscribers/filter`: the list's filters in the body, plus a segment. */
function filterSubscribers(ctx: RouteContext) {
	const filter = ctx.body.filter ?? {};
	const segment =
		ctx.body.segment === undefined ? undefined : ctx.store.segment(Number(ctx.body.segment));
	if (ctx.body.segment !== undefined && !segment)
		throw invalid({ segment: 'The selected segment is invalid.' });
	const groups = (filter.groups ?? []) as number[];
	const search = String(filter.search ?? '').toLowerCase();
	const found = ctx.store.members.filter(
		(s) =>
			(!segment || segment.matches(s)) &&
			(groups.length === 0 || groups.some((id) => s.groups.has(id))) &&
			(!filter.status || filter.status === 'all' || s.status === filter.status) &&
			[s.email, ...s.fields.values()].join(' ').toLowerCase().includes(search),
	);
	return listed(listing(found, ctx.query, (s) => ctx.present.subscriber(s, false)));
}

/** The bulk operations (select + filter): a task that applies `change` to each chosen subscriber. */
function bulk(change: (ctx: RouteContext, subscriber: Subscriber) => void) {
	return (ctx: RouteContext) => {
		const select = ctx.body.select ?? {};
		const task = ctx.tasks.start(() => {
			const chosen = ctx.store.members.filter(
				(s) =>
					(select.all === true || (select.include ?? []).includes(s.id)) &&
					!(select.exclude ?? []).includes(s.id),
			);
			for (const subscriber of chosen) change(ctx, subscriber);
			return { processed: chosen.length };
		});
		return accepted(task.uuid);
	};
}

function upload(ctx: RouteContext) {
	const content = ctx.body.content ?? ctx.body.file;
	if (typeof content !== 'string' || content.trim() === '')
		throw invalid({ content: 'The content field is required when file is not present.' });
	// the separator comes with the import: the preview guesses it from the first line
	const firstLine = content.split(/\r?\n/, 1)[0];
	const delimiter = [',', ';', '\t', '|'].sort(
		(a, b) => firstLine.split(b).length - firstLine.split(a).length,
	)[0];
	const rows = parse(content, {
		delimiter,
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: true,
		bom: true,
	}) as string[][];
	const record = { id: ctx.store.id(), content };
	ctx.store.uploads.push(record);
	return ok({ upload_id: record.id, columns: rows[0] ?? [], rows: Math.max(0, rows.length - 1) });
}

/** The field a column of the import stands for: an id, or `{type, name}` (created when new). */
function columnField(ctx: RouteContext, given: unknown, index: number): Field {
	const { store } = ctx;
	if (typeof given === 'number') {
		const field = store.fields.find((f) => f.id === given);
		if (!field) throw invalid({ [`fields.${index}`]: 'The selected field does not exist.' });
		return field;
	}
	const { type, name } = (given ?? {}) as { type?: string; name?: string };
	if (!type || !name) throw invalid({ [`fields.${index}`]: 'A field needs a type and a name.' });
	if (type === 'email') return store.fields.find((f) => f.key === 'email')!;
	const key = name
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_');
	const existing = store.fields.find(
		(f) => f.key === key || f.name.toLowerCase() === name.toLowerCase(),
	);
	if (existing) return existing;
	const field = { id: store.id(), key, name: name.trim(), type };
	store.fields.push(field);
	return field;
}

function importUpload(ctx: RouteContext) {
	const { body, store } = ctx;
	const record = store.uploads.find((u) => u.id === body.upload_id);
	if (!record) throw invalid({ upload_id: 'The selected upload id is invalid.' });
	const separator = body.csv_separator ?? ',';
	const enclosure = body.csv_enclosure ?? '"';
	const rows = parse(record.content, {
		delimiter: separator,
		quote: enclosure,
		relax_column_count: true,
		skip_empty_lines: true,
		bom: true,
	}) as string[][];
	const columns = (body.fields ?? []) as unknown[];
	if (columns.length !== (rows[0]?.length ?? 0))
		throw invalid({
			fields: `The fields must describe each of the ${rows[0]?.length ?? 0} columns.`,
		});
	const fields = columns.map((column, index) => columnField(ctx, column, index));
	const emailColumn = fields.findIndex((f) => f.key === 'email');
	if (emailColumn < 0 || fields.filter((f) => f.key === 'email').length > 1)
		throw invalid({ fields: 'Exactly one column must be the email field.' });
	const groups = groupIds(ctx, body.groups) ?? [];
	const task = ctx.tasks.start(() => {
		let created = 0;
		let updated = 0;
		let skipped = 0;
		for (const row of rows.slice(1)) {
			const email = (row[emailColumn] ?? '').trim();
			if (!isAddress(email) || store.forgotten.includes(email.toLowerCase())) {
				skipped++;
				continue;
			}
			const values: Record<string, string> = {};
			fields.forEach((field, index) => {
				if (index !== emailColumn && row[index] !== undefined) values[field.key] = row[index];
			});
			const result = upsert(ctx, {
				email,
				fields: values,
				groups,
				source: 'import',
				keepFields: body.replace_fields === false,
			});
			if (result.created) created++;
			else updated++;
		}
		return { imported: created + updated, created, updated, skipped };
	});
	return { status: 200, body: { result: 'asynchronous', data: task.uuid } };
}

export const subscriberRoutes: Routes = {
	[`GET ${NEWSLETTERS}/subscribers`]: listSubscribers,
	[`POST ${NEWSLETTERS}/subscribers`]: (ctx) => {
		const email = requireAddress(ctx.body.email, 'email');
		const input: Upsert = {
			email,
			fields: fieldValues(ctx, ctx.body.fields),
			groups: groupIds(ctx, ctx.body.groups),
			status: statusOf(ctx.body.status, STATUSES),
			source: 'api',
		};
		if (ctx.store.forgotten.includes(email.toLowerCase()))
			ctx.store.forgotten = ctx.store.forgotten.filter((e) => e !== email.toLowerCase());
		return ok(ctx.present.subscriber(upsert(ctx, input).subscriber), 201);
	},
	[`DELETE ${NEWSLETTERS}/subscribers`]: bulk((_ctx, s) => {
		s.deleted = true;
	}),
	[`POST ${NEWSLETTERS}/subscribers/filter`]: filterSubscribers,
	[`PUT ${NEWSLETTERS}/subscribers/unsubscribe`]: bulk((_ctx, s) => {
		s.status = 'unsubscribed';
	}),
	[`PUT ${NEWSLETTERS}/subscribers/assign`]: bulk((ctx, s) => {
		for (const id of groupIds(ctx, ctx.body.groups) ?? []) s.groups.add(id);
	}),
	[`PUT ${NEWSLETTERS}/subscribers/unassign`]: bulk((ctx, s) => {
		s.groups.delete(Number(ctx.body.group_id));
	}),
	[`POST ${NEWSLETTERS}/subscribers/import/upload`]: upload,
	[`POST ${NEWSLETTERS}/subscribers/import`]: importUpload,
	[`GET ${NEWSLETTERS}/subscribers/{subscriber}`]: (ctx) => {
		const withGroups = (ctx.query.get('with') ?? '').split(',').includes('groups');
		return ok(ctx.present.subscriber(subscriberOf(ctx), withGroups));
	},
	[`PUT ${NEWSLETTERS}/subscribers/{subscriber}`]: (ctx) => {
		const subscriber = subscriberOf(ctx);
		const fields = fieldValues(ctx, ctx.body.fields);
		const groups = groupIds(ctx, ctx.body.groups);
		const status = statusOf(ctx.body.status, ['active', 'unsubscribed']);
		// "Omitted values will be deleted": the fields given replace the subscriber's fields
		if (fields) subscriber.fields = new Map(Object.entries(fields));
		for (const id of groups ?? []) subscriber.groups.add(id);
		if (status) subscriber.status = status;
		return ok(ctx.present.subscriber(subscriber));
	},
	[`DELETE ${NEWSLETTERS}/subscribers/{subscriber}`]: (ctx) => {
		subscriberOf(ctx).deleted = true;
		return ok(true);
	},
	[`DELETE ${NEWSLETTERS}/subscribers/{subscriber}/forget`]: (ctx) => {
		const subscriber = subscriberOf(ctx);
		ctx.store.subscribers = ctx.store.subscribers.filter((s) => s !== subscriber);
		ctx.store.forgotten.push(subscriber.email.toLowerCase());
		return ok(true);
	},
};
