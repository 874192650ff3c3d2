import { accepted, listed, NEWSLETTERS, ok, type RouteContext, type Routes } from '../context';
import { badRequest, invalid, notFound } from '../errors';
import { filterValue, listing } from '../listing';
import { linksOf, recipientsOf, sendCampaign } from '../sending';
import { nowSeconds, type Campaign, type Recipients } from '../store';
import { isAddress, LANGUAGES, requireAddress, requireIds, requireText } from '../validation';

function campaignOf(ctx: RouteContext): Campaign {
	const campaign = ctx.store.campaign(Number(ctx.params.campaign));
	if (!campaign) throw notFound('Campaign', ctx.params.campaign);
	return campaign;
}

function recipientsFrom(ctx: RouteContext, given: Record<string, any> | undefined): Recipients {
	const pair = (kind: 'groups' | 'segments', side: 'include' | 'exclude') =>
		requireIds(given?.[kind]?.[side], `recipients.${kind}.${side}`, (id) =>
			kind === 'groups' ? ctx.store.group(id) !== undefined : ctx.store.segment(id) !== undefined,
		);
	const emails = (given?.emails ?? []) as unknown[];
	emails.forEach((email, index) => requireAddress(email, `recipients.emails.${index}`));
	return {
		all: given?.all_subscribers === true,
		groups: { include: pair('groups', 'include'), exclude: pair('groups', 'exclude') },
		segments: { include: pair('segments', 'include'), exclude: pair('segments', 'exclude') },
		emails: emails as string[],
	};
}

/** The body fields a create or an edit may carry, checked, onto `campaign`. */
function applyBody(ctx: RouteContext, campaign: Campaign, body: Record<string, any>): void {
	if ('subject' in body) campaign.subject = requireText(body.subject, 'subject');
	if ('email_from_addr' in body)
		campaign.email_from_addr = requireAddress(body.email_from_addr, 'email_from_addr');
	if ('email_from_name' in body)
		campaign.email_from_name = requireText(body.email_from_name, 'email_from_name');
	if ('lang' in body) {
		if (!LANGUAGES.includes(body.lang)) throw invalid({ lang: 'The selected lang is invalid.' });
		campaign.lang = body.lang;
	}
	if ('content_html' in body) campaign.content_html = String(body.content_html ?? '');
	if ('preheader' in body) campaign.preheader = String(body.preheader ?? '');
	if ('tracking_link' in body) campaign.tracking_link = body.tracking_link === true;
	if ('tracking_opening' in body) campaign.tracking_opening = body.tracking_opening === true;
	if ('tracking_utm' in body) campaign.tracking_utm = body.tracking_utm ?? null;
	if ('unsub_link' in body) campaign.unsub_link = body.unsub_link !== false;
	if ('recipients' in body) campaign.recipients = recipientsFrom(ctx, body.recipients);
}

function list(ctx: RouteContext) {
	const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
	const status = ([] as string[]).concat(filterValue(ctx.query, 'status') ?? []);
	const from = Number(ctx.query.get('date_from') ?? -Infinity);
	const to = Number(ctx.query.get('date_to') ?? Infinity);
	const found = ctx.store.campaigns.filter(
		(c) =>
			c.subject.toLowerCase().includes(search) &&
			(status.length === 0 || status.includes(c.status)) &&
			c.created_at >= from &&
			c.created_at <= to,
	);
	return listed(listing(found, ctx.query, (c) => ctx.present.campaign(c)));
}

function create(ctx: RouteContext) {
	const { body, store } = ctx;
	for (const field of ['subject', 'email_from_addr', 'email_from_name', 'lang'])
		if (body[field] === undefined) throw invalid({ [field]: `The ${field} field is required.` });
	const campaign = store.newCampaign();
	applyBody(ctx, campaign, body);
	store.campaigns.push(campaign);
	return ok(ctx.present.campaign(campaign), 201);
}

function edit(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	if (campaign.status !== 'draft')
		throw badRequest(`A ${campaign.status} campaign cannot be edited`);
	const draft = structuredClone(campaign);
	applyBody(ctx, draft, ctx.body);
	Object.assign(campaign, draft);
	return ok(ctx.present.campaign(campaign));
}

function remove(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	if (campaign.status === 'sending') throw badRequest('A campaign being sent cannot be deleted');
	ctx.store.campaigns = ctx.store.campaigns.filter((c) => c !== campaign);
	return ok(true);
}

function removeMany(ctx: RouteContext) {
	const select = ctx.body.select ?? {};
	const chosen = (c: Campaign) =>
		(select.all === true || (select.include ?? []).includes(c.id)) &&
		!(select.exclude ?? []).includes(c.id);
	const task = ctx.tasks.start(() => {
		const before = ctx.store.campaigns.length;
		ctx.store.campaigns = ctx.store.campaigns.filter((c) => !chosen(c) || c.status === 'sending');
		return { deleted: before - ctx.store.campaigns.length };
	});
	return accepted(task.uuid);
}

function duplicate(ctx: RouteContext) {
	const source = campaignOf(ctx);
	const copy: Campaign = {
		...structuredClone(source),
		id: ctx.store.id(),
		status: 'draft',
		started_at: null,
		created_at: nowSeconds(),
		tests: [],
		sentTo: [],
	};
	ctx.store.campaigns.push(copy);
	return ok(ctx.present.campaign(copy));
}

function test(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	const email = requireAddress(ctx.body.email, 'email');
	if (campaign.content_html.trim() === '') throw badRequest('The campaign has no content to test');
	campaign.tests.push(email);
	return ok(true);
}

function schedule(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	if (campaign.status !== 'draft') throw badRequest(`A ${campaign.status} campaign cannot be sent`);
	if (campaign.content_html.trim() === '') throw badRequest('The campaign has no content');
	if (!isAddress(campaign.email_from_addr)) throw badRequest('The campaign has no sender');
	const startedAt = ctx.body.started_at;
	if (startedAt === undefined || startedAt === null) {
		sendCampaign(ctx.store, campaign);
		return ok(true);
	}
	if (!Number.isInteger(startedAt) || startedAt <= nowSeconds())
		throw invalid({ started_at: 'The started at must be a date after now.' });
	if (recipientsOf(ctx.store, campaign).length === 0)
		throw badRequest('The campaign has no recipients');
	campaign.status = 'scheduled';
	campaign.started_at = startedAt;
	return ok(true);
}

function cancel(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	if (campaign.status !== 'scheduled')
		throw badRequest('Only a scheduled campaign can be canceled');
	campaign.status = 'draft';
	campaign.started_at = null;
	return ok(true);
}

function links(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	const clicks = ctx.store.tracking.filter(
		(e) => e.campaign_id === campaign.id && e.action === 'click',
	);
	return ok(
		linksOf(campaign.content_html).map((url) => {
			const on = clicks.filter((e) => e.url === url);
			return {
				url,
				click_count: on.length,
				unique_click_count: new Set(on.map((e) => e.subscriber_id)).size,
			};
		}),
	);
}

const ACTIVITY: Record<string, (opens: number, clicks: number, events: string[]) => boolean> = {
	open: (opens) => opens > 0,
	not_open: (opens) => opens === 0,
	click: (_o, clicks) => clicks > 0,
	bounce: (_o, _c, events) => events.includes('bounce'),
	sbounce: (_o, _c, events) => events.includes('sbounce'),
	complaint: (_o, _c, events) => events.includes('complaint'),
	unsub: (_o, _c, events) => events.includes('unsub'),
};

function activity(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	const action = filterValue(ctx.query, 'action') as string | undefined;
	const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
	const rows = campaign.sentTo.flatMap((subscriberId) => {
		const events = ctx.store.tracking.filter(
			(e) => e.campaign_id === campaign.id && e.subscriber_id === subscriberId,
		);
		const email = events[0]?.email ?? '';
		const opens = events.filter((e) => e.action === 'open').length;
		const clicks = events.filter((e) => e.action === 'click').length;
		const actions = events.map((e) => e.action);
		if (action && !ACTIVITY[action]?.(opens, clicks, actions)) return [];
		if (!email.toLowerCase().includes(search)) return [];
		return [
			{
				subscriber_id: subscriberId,
				email,
				open_count: opens,
				click_count: clicks,
				last_event_at: Math.max(...events.map((e) => e.created_at)),
			},
		];
	});
	return listed(listing(rows, ctx.query, (row) => row));
}

function tracking(ctx: RouteContext) {
	const campaign = campaignOf(ctx);
	const action = filterValue(ctx.query, 'action') as string | undefined;
	const search = String(filterValue(ctx.query, 'search') ?? '').toLowerCase();
	const events = ctx.store.tracking.filter(
		(e) =>
			e.campaign_id === campaign.id &&
			(!action || e.action === action) &&
			e.email.toLowerCase().includes(search),
	);
	return listed(listing(events, ctx.query, (event) => ({ ...event })));
}

export const campaignRoutes: Routes = {
	[`GET ${NEWSLETTERS}/campaigns`]: list,
	[`POST ${NEWSLETTERS}/campaigns`]: create,
	[`DELETE ${NEWSLETTERS}/campaigns`]: removeMany,
	[`GET ${NEWSLETTERS}/campaigns/{campaign}`]: (ctx) => ok(ctx.present.campaign(campaignOf(ctx))),
	[`PUT ${NEWSLETTERS}/campaigns/{campaign}`]: edit,
	[`DELETE ${NEWSLETTERS}/campaigns/{campaign}`]: remove,
	[`POST ${NEWSLETTERS}/campaigns/{campaign}/duplicate`]: duplicate,
	[`POST ${NEWSLETTERS}/campaigns/{campaign}/test`]: test,
	[`PUT ${NEWSLETTERS}/campaigns/{campaign}/schedule`]: schedule,
	[`PUT ${NEWSLETTERS}/campaigns/{campaign}/cancel`]: cancel,
	[`GET ${NEWSLETTERS}/campaigns/{campaign}/report/links`]: links,
	[`GET ${NEWSLETTERS}/campaigns/{campaign}/report/activity`]: activity,
	[`GET ${NEWSLETTERS}/campaigns/{campaign}/tracking`]: tracking,
};
