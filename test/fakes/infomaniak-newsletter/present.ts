import type { Campaign, Field, Group, Segment, Store, Subscriber, Task } from './store';

/** The store's records in the shapes Infomaniak answers with (see the OpenAPI schemas). */
export class Presenter {
	constructor(
		private readonly store: Store,
		private readonly domainName: string,
	) {}

	group(group: Group): Record<string, unknown> {
		const members = this.store.members.filter((s) => s.groups.has(group.id));
		return {
			id: group.id,
			name: group.name,
			updated_at: group.updated_at,
			// the document types this count as a string
			subscribed_count: String(members.filter((s) => s.status === 'active').length),
			statistics: { open_rate: 0, click_rate: 0 },
			domain: this.domainName,
		};
	}

	field(field: Field, value?: string): Record<string, unknown> {
		return {
			id: field.id,
			key: field.key,
			name: field.name,
			...(value !== undefined ? { value } : {}),
		};
	}

	subscriber(subscriber: Subscriber, withGroups = true): Record<string, unknown> {
		const sent = this.store.tracking.filter(
			(e) => e.subscriber_id === subscriber.id && e.action === 'send',
		).length;
		const opens = this.store.tracking.filter(
			(e) => e.subscriber_id === subscriber.id && e.action === 'open',
		).length;
		const clicks = this.store.tracking.filter(
			(e) => e.subscriber_id === subscriber.id && e.action === 'click',
		).length;
		return {
			id: subscriber.id,
			email: subscriber.email,
			status: subscriber.status,
			created_at: subscriber.created_at,
			added_at: subscriber.created_at,
			source: subscriber.source,
			last_location: null,
			statistics: {
				sent_count: sent,
				open_count: opens,
				click_count: clicks,
				open_rate: sent ? Math.round((opens / sent) * 10_000) / 100 : 0,
				click_rate: sent ? Math.round((clicks / sent) * 10_000) / 100 : 0,
			},
			...(withGroups
				? {
						groups: this.store.groups
							.filter((g) => subscriber.groups.has(g.id))
							.map((g) => this.group(g)),
					}
				: {}),
			fields: [...subscriber.fields.entries()].map(([key, value]) => {
				const field = this.store.fields.find((f) => f.key === key)!;
				return this.field(field, value);
			}),
		};
	}

	campaign(campaign: Campaign): Record<string, unknown> {
		const events = this.store.tracking.filter((e) => e.campaign_id === campaign.id);
		const count = (action: string) => events.filter((e) => e.action === action).length;
		const sent = count('send');
		const rate = (n: number) => (sent ? Math.round((n / sent) * 10_000) / 100 : 0);
		const statistics = {
			sent_count: sent,
			open_count: count('open'),
			click_count: count('click'),
			delivery_count: count('delivery'),
			complaint_count: count('complaint'),
			bounce_count: count('bounce'),
			soft_bounce_count: count('sbounce'),
			unsubscribe_count: count('unsub'),
			open_rate: rate(count('open')),
			click_rate: rate(count('click')),
			delivery_rate: rate(count('delivery')),
			complaint_rate: rate(count('complaint')),
			bounce_rate: rate(count('bounce')),
			soft_bounce_rate: rate(count('sbounce')),
			unsubscribe_rate: rate(count('unsub')),
		};
		const { recipients } = campaign;
		return {
			id: campaign.id,
			domain: this.domainName,
			status: campaign.status,
			sending_batch: null,
			lang: campaign.lang,
			subject: campaign.subject,
			preheader: campaign.preheader,
			email_from_name: campaign.email_from_name,
			email_from_addr: campaign.email_from_addr,
			tracking_link: campaign.tracking_link,
			tracking_opening: campaign.tracking_opening,
			tracking_utm: campaign.tracking_utm ?? [],
			thumbnail_url: null,
			designer_url: null,
			preview_url: `https://newsletter.example/preview/${campaign.id}`,
			content: campaign.content_html,
			recipients: {
				all: recipients.all,
				emails: recipients.emails,
				groups: recipients.groups,
				segments: recipients.segments,
				expert: { id: 0, conditions: null },
			},
			subscribers_count: campaign.sentTo.length,
			next_step: campaign.status === 'draft' ? 'send' : 'none',
			unsub_link: campaign.unsub_link ? 'auto' : null,
			force_sended: null,
			started_at: campaign.started_at,
			created_at: campaign.created_at,
			statistics,
		};
	}

	segment(segment: Segment): Record<string, unknown> {
		return {
			id: segment.id,
			name: segment.name,
			data: [],
			subscribed_count: this.store.members.filter(segment.matches).length,
			updated_at: segment.updated_at,
			statistics: {},
		};
	}

	task(task: Task): Record<string, unknown> {
		return {
			uuid: task.uuid,
			status: task.status,
			created_at: task.created_at,
			updated_at: task.updated_at,
			executed_at: task.executed_at,
			finished_at: task.finished_at,
			response: task.response,
			...(task.error ? { error: task.error } : {}),
		};
	}
}
