/**
 * OpenStack services answer errors in several shapes; this reads the explanation out of each:
 * Nova/Cinder `{"itemNotFound": {"code", "message"}}`, Neutron `{"NeutronError": {"type",
 * "message"}}`, Keystone and Heat `{"error": {"message", "type"}}`, Designate `{"code", "type",
 * "message"}`, Octavia `{"faultstring"}`, Placement `{"errors": [{"detail"}]}`, and Swift's and
 * Glance's text or HTML pages.
 */

const MAX_LENGTH = 500;

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function fromHtml(html: string): string | undefined {
	const title =
		/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const rest = html
		.replace(/<h1[^>]*>[\s\S]*?<\/h1>/gi, ' ')
		.replace(/<head>[\s\S]*?<\/head>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const parts = [title?.replace(/<[^>]+>/g, '').trim(), rest].filter(Boolean);
	return parts.length > 0 ? parts.join(': ') : undefined;
}

function fromObject(body: Loose): string | undefined {
	const error = body.error;
	if (isObject(error)) {
		const message = str(error.message);
		if (message) return message;
	}
	if (str(error)) return str(error);
	const neutron = body.NeutronError;
	if (isObject(neutron)) return str(neutron.message) ?? str(neutron.type);
	if (str(body.faultstring)) return str(body.faultstring);
	// Designate's schema failures: {"errors": {"errors": [{"path": ["records", 0], "message"}]}}
	if (isObject(body.errors) && Array.isArray(body.errors.errors)) {
		const details = body.errors.errors
			.map((entry) => {
				if (!isObject(entry) || !str(entry.message)) return undefined;
				const path = Array.isArray(entry.path) ? entry.path.join('.') : '';
				return path ? `${path}: ${str(entry.message)}` : str(entry.message);
			})
			.filter(Boolean);
		if (details.length > 0) return details.join('; ');
	}
	if (Array.isArray(body.errors)) {
		const details = body.errors
			.map((entry) => (isObject(entry) ? (str(entry.detail) ?? str(entry.title)) : str(entry)))
			.filter(Boolean);
		if (details.length > 0) return details.join('; ');
	}
	if (str(body.message)) return str(body.message);
	if (str(body.explanation)) return str(body.explanation);
	// Nova / Cinder: one key (itemNotFound, badRequest, overLimit, conflictingRequest, forbidden…)
	const keys = Object.keys(body);
	if (keys.length === 1 && isObject(body[keys[0]])) {
		const inner = body[keys[0]] as Loose;
		return str(inner.message) ?? str(inner.details) ?? keys[0];
	}
	return undefined;
}

/** The service's explanation of a failed request, on one line; undefined when it gave none. */
export function openStackFault(body: unknown): string | undefined {
	let message: string | undefined;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{')) {
			try {
				const parsed: unknown = JSON.parse(trimmed);
				message = isObject(parsed) ? fromObject(parsed) : undefined;
			} catch {
				message = trimmed;
			}
		} else if (trimmed.startsWith('<')) {
			message = fromHtml(trimmed);
		} else {
			message = str(trimmed);
		}
	} else if (isObject(body)) {
		message = fromObject(body);
	}
	if (!message) return undefined;
	const oneLine = message.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH)}…` : oneLine;
}

/** How each service is named in messages. */
export const SERVICE_LABELS: Record<string, string> = {
	identity: 'OpenStack Identity (Keystone)',
	'object-store': 'OpenStack Object Storage (Swift)',
	compute: 'OpenStack Compute (Nova)',
	'block-storage': 'OpenStack Block Storage (Cinder)',
	network: 'OpenStack Network (Neutron)',
	image: 'OpenStack Image (Glance)',
	dns: 'OpenStack DNS (Designate)',
	orchestration: 'OpenStack Orchestration (Heat)',
	'load-balancer': 'OpenStack Load Balancer (Octavia)',
	placement: 'OpenStack Placement',
};

export function serviceLabel(serviceType: string): string {
	return SERVICE_LABELS[serviceType] ?? `The OpenStack "${serviceType}" service`;
}
