import { listed, NEWSLETTERS, ok, type RouteContext, type Routes } from '../context';
import { notFound } from '../errors';
import { filterValue, listing } from '../listing';
import type { Task } from '../store';

/** The domain itself, its credits, segments and fields, and the asynchronous tasks. */

function taskOf(ctx: RouteContext): Task {
	const task = ctx.store.tasks.find((t) => t.uuid === ctx.params.task_uuid);
	if (!task) throw notFound('Task', ctx.params.task_uuid);
	return task;
}

export function accountRoutes(domain: { id: number; name: string }): Routes {
	return {
		[`GET ${NEWSLETTERS}`]: () =>
			ok({
				id: domain.id,
				name: domain.name,
				credit_month: 0,
				limit_by_hour: 0,
				sender_type: 'domain',
				status: 'enabled',
				dns: null,
				can_use_other_domains: false,
				sub_domains: [],
				statistics: {},
			}),
		[`GET ${NEWSLETTERS}/credits`]: (ctx) =>
			listed(
				listing([...ctx.store.credits].reverse(), ctx.query, (movement) => ({
					domain_name: domain.name,
					...movement,
				})),
			),
		[`GET ${NEWSLETTERS}/credits/details`]: (ctx) =>
			ok({
				total: ctx.store.balance,
				used: ctx.store.credits
					.filter((movement) => movement.quantity < 0)
					.reduce((sum, movement) => sum - movement.quantity, 0),
			}),
		[`GET ${NEWSLETTERS}/segments`]: (ctx) => {
			const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
			const found = ctx.store.segments.filter((s) => s.name.toLowerCase().includes(search));
			return listed(listing(found, ctx.query, (s) => ctx.present.segment(s)));
		},
		[`GET ${NEWSLETTERS}/segments/{segment}`]: (ctx) => {
			const segment = ctx.store.segment(Number(ctx.params.segment));
			if (!segment) throw notFound('Segment', ctx.params.segment);
			return ok(ctx.present.segment(segment));
		},
		[`GET ${NEWSLETTERS}/fields`]: (ctx) =>
			listed(listing(ctx.store.fields, ctx.query, (field) => ctx.present.field(field))),
		'GET /1/async/tasks': (ctx) =>
			listed(listing(ctx.store.tasks, ctx.query, (task) => ctx.present.task(task))),
		'GET /1/async/tasks/{task_uuid}': (ctx) => ok(ctx.present.task(ctx.tasks.read(taskOf(ctx)))),
	};
}
