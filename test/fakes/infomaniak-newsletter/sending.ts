import { badRequest } from './errors';
import { nowSeconds, type Campaign, type Store, type Subscriber } from './store';

/**
 * What sending a campaign does in the fake: the recipients are resolved from its groups and
 * segments, one credit each is spent, and a deterministic set of tracking events is recorded
 * (every recipient: send + delivery; every 2nd opens; every 3rd clicks its first link), from
 * which statistics and reports are computed.
 */
export function recipientsOf(store: Store, campaign: Campaign): Subscriber[] {
	const { recipients } = campaign;
	const inGroups = (s: Subscriber, ids: number[]) => ids.some((id) => s.groups.has(id));
	const inSegments = (s: Subscriber, ids: number[]) =>
		ids.some((id) => store.segment(id)?.matches(s) === true);
	return store.members.filter(
		(s) =>
			s.status === 'active' &&
			(recipients.all ||
				inGroups(s, recipients.groups.include) ||
				inSegments(s, recipients.segments.include)) &&
			!inGroups(s, recipients.groups.exclude) &&
			!inSegments(s, recipients.segments.exclude),
	);
}

export function linksOf(html: string): string[] {
	return [...html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1]);
}

export function sendCampaign(store: Store, campaign: Campaign): void {
	const recipients = recipientsOf(store, campaign);
	if (recipients.length === 0) throw badRequest('The campaign has no recipients');
	if (store.balance < recipients.length)
		throw badRequest(`Not enough credits: ${recipients.length} needed, ${store.balance} left`);
	const at = nowSeconds();
	campaign.status = 'sent';
	campaign.started_at ??= at;
	campaign.sentTo = recipients.map((s) => s.id);
	store.balance -= recipients.length;
	store.credits.push({
		id: store.id(),
		quantity: -recipients.length,
		type: 'campaign',
		genre: 'debit',
		created_at: at,
		campaign_id: campaign.id,
		campaign_subject: campaign.subject,
	});
	const link = linksOf(campaign.content_html)[0];
	recipients.forEach((subscriber, index) => {
		const event = (action: string, url?: string) =>
			store.tracking.push({
				id: store.id(),
				campaign_id: campaign.id,
				subscriber_id: subscriber.id,
				email: subscriber.email,
				action,
				created_at: at,
				...(url ? { url } : {}),
			});
		event('send');
		event('delivery');
		if (index % 2 === 0) event('open');
		if (index % 3 === 0 && link) event('click', link);
	});
}

/** Scheduled campaigns whose time has come are sent (checked on every request). */
export function sendDue(store: Store): void {
	const now = nowSeconds();
	for (const campaign of store.campaigns) {
		if (campaign.status !== 'scheduled' || (campaign.started_at ?? Infinity) > now) continue;
		try {
			sendCampaign(store, campaign);
		} catch {
			campaign.status = 'sending_failed';
		}
	}
}
