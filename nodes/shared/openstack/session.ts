import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { cloudTarget } from './cloud';

/**
 * What the credential's expirable field holds once Keystone issued a token: the token and what
 * later requests need from its answer (the endpoints of the chosen region and interface, the
 * user, the project, the expiry). n8n keeps it with the credential (`preAuthentication`), so
 * every item, node and worker reuses it until it expires.
 */
export interface OpenStackSession {
	token: string;
	/** ISO 8601 */
	expiresAt: string;
	/** ISO 8601 */
	issuedAt?: string;
	/** Which credential settings the token was obtained with (a hash). */
	fingerprint: string;
	/** Keystone v3 base URL the token came from. */
	authUrl: string;
	region: string;
	interface: string;
	user: { id: string; name?: string; domainId?: string; domainName?: string };
	project: { id: string; name?: string; domainId?: string; domainName?: string };
	roles: string[];
	methods: string[];
	/** Service type → endpoint URL, for the credential's region and interface. */
	endpoints: Record<string, string>;
	/** Every region the catalog names (for error messages). */
	catalogRegions: string[];
	applicationCredential?: { id: string; name?: string; restricted?: boolean };
}

/** The credential field (type hidden, expirable) that holds the session as JSON. */
export const SESSION_FIELD = 'session';

/** The credential settings that decide which token Keystone issues. */
const FINGERPRINTED = [
	'authentication',
	'applicationCredentialBy',
	'applicationCredentialId',
	'applicationCredentialName',
	'applicationCredentialSecret',
	'applicationCredentialUserName',
	'applicationCredentialUserDomainName',
	'userName',
	'userDomainName',
	'password',
	'projectBy',
	'projectName',
	'projectId',
	'projectDomainName',
	'ignoreSslIssues',
] as const;

const FINGERPRINT_DEFAULTS: Partial<Record<(typeof FINGERPRINTED)[number], string>> = {
	authentication: 'applicationCredential',
	applicationCredentialBy: 'id',
	applicationCredentialUserDomainName: 'Default',
	userDomainName: 'Default',
	projectBy: 'name',
	projectDomainName: 'Default',
	ignoreSslIssues: 'false',
};

/**
 * A hash of the settings a session depends on: when the user edits the credential (another
 * secret, region or project), the stored session no longer matches and a new token is fetched.
 */
export function sessionFingerprint(credentials: ICredentialDataDecryptedObject): string {
	let target: unknown;
	try {
		const { authUrl, region, interface: endpointInterface } = cloudTarget(credentials);
		target = [authUrl, region, endpointInterface];
	} catch {
		target = null;
	}
	// Unset and default values hash alike, whichever way n8n hands the data over.
	const values = FINGERPRINTED.map((name) => {
		const value = credentials[name];
		if (value === undefined || value === null || value === '')
			return FINGERPRINT_DEFAULTS[name] ?? '';
		return typeof value === 'string' ? value : String(value);
	});
	return createHash('sha256')
		.update(JSON.stringify([target, values]))
		.digest('hex');
}

/** The stored session, whatever its state; undefined when there is none or it is unreadable. */
export function parseSession(value: unknown): OpenStackSession | undefined {
	if (typeof value !== 'string' || !value.trim().startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(value) as Partial<OpenStackSession>;
		if (
			typeof parsed.token !== 'string' ||
			parsed.token === '' ||
			typeof parsed.expiresAt !== 'string' ||
			typeof parsed.endpoints !== 'object' ||
			!parsed.user ||
			!parsed.project
		) {
			return undefined;
		}
		return parsed as OpenStackSession;
	} catch {
		return undefined;
	}
}

/**
 * How long before its expiry a token is replaced: a quarter of its lifetime, at most two
 * minutes (an hour-long token is renewed two minutes early, a one-minute token 15 s early), so
 * that a request never starts with a token about to lapse.
 */
export function renewalMarginMs(session: OpenStackSession): number {
	const issued = session.issuedAt ? Date.parse(session.issuedAt) : NaN;
	const expires = Date.parse(session.expiresAt);
	const lifetime = Number.isFinite(issued) ? expires - issued : 3_600_000;
	return Math.max(0, Math.min(120_000, lifetime / 4));
}

/**
 * The credential's session when it can be used: it exists, it was obtained with the current
 * settings, and it is valid for at least `marginMs` more.
 */
export function usableSession(
	credentials: ICredentialDataDecryptedObject,
	now: number = Date.now(),
	margin: 'renewal' | 'none' = 'renewal',
): OpenStackSession | undefined {
	const session = parseSession(credentials[SESSION_FIELD]);
	if (!session) return undefined;
	if (session.fingerprint !== sessionFingerprint(credentials)) return undefined;
	const expires = Date.parse(session.expiresAt);
	if (!Number.isFinite(expires)) return undefined;
	const marginMs = margin === 'renewal' ? renewalMarginMs(session) : 0;
	return expires - now > marginMs ? session : undefined;
}

/** What may be shown of a session (everything but the token). */
export function describeSession(session: OpenStackSession) {
	return {
		user: session.user,
		project: session.project,
		roles: session.roles,
		methods: session.methods,
		region: session.region,
		interface: session.interface,
		authUrl: session.authUrl,
		issuedAt: session.issuedAt,
		expiresAt: session.expiresAt,
		services: Object.keys(session.endpoints).sort(),
		...(session.applicationCredential
			? { applicationCredential: session.applicationCredential }
			: {}),
	};
}
