/**
 * The fake's in-memory state of one newsletter domain: campaigns, groups (mailing lists),
 * subscribers, segments, fields, credits, uploads, asynchronous tasks and tracking events.
 */

export type CampaignStatus =
	'draft' | 'scheduled' | 'sending' | 'sent' | 'canceled' | 'blocked' | 'sending_failed';

export interface Recipients {
	all: boolean;
	groups: { include: number[]; exclude: number[] };
	segments: { include: number[]; exclude: number[] };
	emails: string[];
}

export interface Campaign {
	id: number;
	status: CampaignStatus;
	lang: string;
	subject: string;
	preheader: string;
	email_from_name: string;
	email_from_addr: string;
	tracking_link: boolean;
	tracking_opening: boolean;
	tracking_utm: Record<string, string> | null;
	unsub_link: boolean;
	content_html: string;
	recipients: Recipients;
	started_at: number | null;
	created_at: number;
	/** Addresses that received a test. */
	tests: string[];
	/** Subscribers it was sent to (ids), once sent. */
	sentTo: number[];
}

export interface Group {
	id: number;
	name: string;
	updated_at: number;
}

export type SubscriberStatus = 'active' | 'bounced' | 'junk' | 'unconfirmed' | 'unsubscribed';

export interface Subscriber {
	id: number;
	email: string;
	status: SubscriberStatus;
	created_at: number;
	source: 'api' | 'import' | 'manual' | 'webform';
	/** field key → value */
	fields: Map<string, string>;
	groups: Set<number>;
	/** Deleted: out of every list and answer, data kept should they subscribe again. */
	deleted: boolean;
}

export interface Segment {
	id: number;
	name: string;
	updated_at: number;
	/** The fake's stand-in for the segment's conditions. */
	matches: (subscriber: Subscriber) => boolean;
}

export interface Field {
	id: number;
	key: string;
	name: string;
	type: string;
}

export interface CreditMovement {
	id: number;
	quantity: number;
	type: string;
	genre: string;
	created_at: number;
	campaign_id?: number;
	campaign_subject?: string;
}

export interface Upload {
	id: number;
	content: string;
}

export interface TrackingEvent {
	id: number;
	campaign_id: number;
	subscriber_id: number;
	email: string;
	action: string;
	url?: string;
	created_at: number;
}

export type TaskStatus = 'spooled' | 'running' | 'executed' | 'failed';

export interface Task {
	uuid: string;
	status: TaskStatus;
	created_at: number;
	updated_at: number;
	executed_at: number | null;
	finished_at: number | null;
	/** Status reads seen so far; the task finishes on the read number `readsToFinish`. */
	reads: number;
	readsToFinish: number;
	/** Applies the task's effect when it finishes; its result becomes `response`. */
	run: () => Record<string, unknown>;
	response: Record<string, unknown>;
	error: Record<string, unknown> | null;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export class Store {
	campaigns: Campaign[] = [];
	groups: Group[] = [];
	subscribers: Subscriber[] = [];
	segments: Segment[] = [];
	fields: Field[] = [];
	credits: CreditMovement[] = [];
	uploads: Upload[] = [];
	tasks: Task[] = [];
	tracking: TrackingEvent[] = [];
	/** Addresses erased by "forget" (GDPR). */
	forgotten: string[] = [];
	/** The credit balance: e-mails the domain can still send. */
	balance = 0;
	private nextId = 1;

	constructor() {
		this.reset();
	}

	id(): number {
		return this.nextId++;
	}

	reset(): void {
		this.campaigns = [];
		this.groups = [];
		this.subscribers = [];
		this.segments = [];
		this.uploads = [];
		this.tasks = [];
		this.tracking = [];
		this.forgotten = [];
		this.nextId = 1;
		this.fields = [
			{ id: this.id(), key: 'email', name: 'Email', type: 'email' },
			{ id: this.id(), key: 'firstname', name: 'First name', type: 'text' },
			{ id: this.id(), key: 'lastname', name: 'Last name', type: 'text' },
		];
		this.balance = 10_000;
		this.credits = [
			{
				id: this.id(),
				quantity: 10_000,
				type: 'purchase',
				genre: 'credit',
				created_at: nowSeconds() - 86_400,
			},
		];
	}

	campaign(id: number): Campaign | undefined {
		return this.campaigns.find((campaign) => campaign.id === id);
	}

	group(id: number): Group | undefined {
		return this.groups.find((group) => group.id === id);
	}

	/** A subscriber that is not deleted. */
	subscriber(id: number): Subscriber | undefined {
		return this.subscribers.find((subscriber) => subscriber.id === id && !subscriber.deleted);
	}

	subscriberByEmail(email: string): Subscriber | undefined {
		const wanted = email.toLowerCase();
		return this.subscribers.find((subscriber) => subscriber.email.toLowerCase() === wanted);
	}

	segment(id: number): Segment | undefined {
		return this.segments.find((segment) => segment.id === id);
	}

	/** Live subscribers (not deleted). */
	get members(): Subscriber[] {
		return this.subscribers.filter((subscriber) => !subscriber.deleted);
	}

	addGroup(name: string): Group {
		const group = { id: this.id(), name, updated_at: nowSeconds() };
		this.groups.push(group);
		return group;
	}

	/** A draft campaign with Infomaniak's defaults, overridden by `values` (not stored). */
	newCampaign(values: Partial<Campaign> = {}): Campaign {
		return {
			id: this.id(),
			status: 'draft',
			lang: 'en_GB',
			subject: '',
			preheader: '',
			email_from_name: '',
			email_from_addr: '',
			tracking_link: true,
			tracking_opening: true,
			tracking_utm: null,
			unsub_link: true,
			content_html: '',
			recipients: {
				all: false,
				groups: { include: [], exclude: [] },
				segments: { include: [], exclude: [] },
				emails: [],
			},
			started_at: null,
			created_at: nowSeconds(),
			tests: [],
			sentTo: [],
			...values,
		};
	}

	addSegment(name: string, matches: Segment['matches']): Segment {
		const segment = { id: this.id(), name, updated_at: nowSeconds(), matches };
		this.segments.push(segment);
		return segment;
	}
}
