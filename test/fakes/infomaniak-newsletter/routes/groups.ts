import { accepted, listed, NEWSLETTERS, ok, type RouteContext, type Routes } from '../context';
import { invalid, notFound } from '../errors';
import { filterValue, listing } from '../listing';
import { nowSeconds, type Group, type Subscriber } from '../store';
import { requireIds, requireText } from '../validation';

function groupOf(ctx: RouteContext): Group {
	const group = ctx.store.group(Number(ctx.params.group));
	if (!group) throw notFound('Group', ctx.params.group);
	return group;
}

function uniqueName(ctx: RouteContext, name: string, except?: Group): string {
	const taken = ctx.store.groups.some(
		(g) => g !== except && g.name.toLowerCase() === name.trim().toLowerCase(),
	);
	if (taken) throw invalid({ name: 'The name has already been taken.' });
	return name.trim();
}

/** Subscribers matching `filter[search]` and `filter[status]` (no status filter: any status). */
export function matchesFilter(ctx: RouteContext, subscriber: Subscriber): boolean {
	const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
	const status = filterValue(ctx.query, 'status');
	const text = [subscriber.email, ...subscriber.fields.values()].join(' ').toLowerCase();
	return text.includes(search) && (!status || status === 'all' || subscriber.status === status);
}

function members(ctx: RouteContext) {
	const group = groupOf(ctx);
	const found = ctx.store.members.filter((s) => s.groups.has(group.id) && matchesFilter(ctx, s));
	return listed(listing(found, ctx.query, (s) => ctx.present.subscriber(s, false)));
}

function membership(action: 'assign' | 'unassign') {
	return (ctx: RouteContext) => {
		const group = groupOf(ctx);
		if (!Array.isArray(ctx.body.subscriber_ids))
			throw invalid({ subscriber_ids: 'The subscriber ids field is required.' });
		const ids = requireIds(ctx.body.subscriber_ids, 'subscriber_ids', (id) =>
			Boolean(ctx.store.subscriber(id)),
		);
		const changed = ids.map((id) => ctx.store.subscriber(id)!);
		for (const subscriber of changed) {
			if (action === 'assign') subscriber.groups.add(group.id);
			else subscriber.groups.delete(group.id);
		}
		group.updated_at = nowSeconds();
		return ok(changed.map((s) => ctx.present.subscriber(s)));
	};
}

export const groupRoutes: Routes = {
	[`GET ${NEWSLETTERS}/groups`]: (ctx) => {
		const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
		const found = ctx.store.groups.filter((g) => g.name.toLowerCase().includes(search));
		return listed(listing(found, ctx.query, (g) => ctx.present.group(g)));
	},
	[`POST ${NEWSLETTERS}/groups`]: (ctx) => {
		const name = uniqueName(ctx, requireText(ctx.body.name, 'name'));
		return ok(ctx.present.group(ctx.store.addGroup(name)), 201);
	},
	[`DELETE ${NEWSLETTERS}/groups`]: (ctx) => {
		const select = ctx.body.select ?? {};
		const task = ctx.tasks.start(() => {
			const chosen = ctx.store.groups.filter(
				(g) =>
					(select.all === true || (select.include ?? []).includes(g.id)) &&
					!(select.exclude ?? []).includes(g.id),
			);
			for (const group of chosen) for (const s of ctx.store.subscribers) s.groups.delete(group.id);
			ctx.store.groups = ctx.store.groups.filter((g) => !chosen.includes(g));
			return { deleted: chosen.length };
		});
		return accepted(task.uuid);
	},
	[`GET ${NEWSLETTERS}/groups/{group}`]: (ctx) => ok(ctx.present.group(groupOf(ctx))),
	[`PUT ${NEWSLETTERS}/groups/{group}`]: (ctx) => {
		const group = groupOf(ctx);
		group.name = uniqueName(ctx, requireText(ctx.body.name, 'name'), group);
		group.updated_at = nowSeconds();
		return ok(ctx.present.group(group));
	},
	[`DELETE ${NEWSLETTERS}/groups/{group}`]: (ctx) => {
		const group = groupOf(ctx);
		for (const subscriber of ctx.store.subscribers) subscriber.groups.delete(group.id);
		ctx.store.groups = ctx.store.groups.filter((g) => g !== group);
		return ok(true);
	},
	[`GET ${NEWSLETTERS}/groups/{group}/subscribers`]: members,
	[`POST ${NEWSLETTERS}/groups/{group}/subscribers/assign`]: membership('assign'),
	[`POST ${NEWSLETTERS}/groups/{group}/subscribers/unassign`]: membership('unassign'),
};
