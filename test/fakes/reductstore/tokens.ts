import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { Ctx } from './context';
import {
	badRequest,
	conflict,
	forbidden,
	header,
	isObject,
	notFound,
	readJsonObject,
	sendEmpty,
	sendJson,
	unauthorized,
	unprocessable,
} from './http';

export interface Permissions {
	full_access: boolean;
	read: string[];
	write: string[];
}

export interface TokenRecord {
	name: string;
	value: string;
	createdAt: Date;
	permissions: Permissions;
	isProvisioned: boolean;
	expiresAt?: Date;
	ttl?: number;
	ipAllowlist: string[];
	lastAccess?: Date;
}

export const INIT_TOKEN_NAME = 'init-token';
const DISABLED_TOKEN_NAME = 'AUTHENTICATION-DISABLED';
const PERMISSION_PATTERN = /^[A-Za-z0-9_-]*\*?$/;

/** Token repository. With no API token configured authentication is disabled (like RS_API_TOKEN unset). */
export class TokenStore {
	readonly tokens = new Map<string, TokenRecord>();

	constructor(readonly apiToken: string | undefined) {
		if (apiToken !== undefined) {
			this.tokens.set(INIT_TOKEN_NAME, {
				name: INIT_TOKEN_NAME,
				value: apiToken,
				createdAt: new Date(),
				permissions: { full_access: true, read: [], write: [] },
				isProvisioned: true,
				ipAllowlist: [],
			});
		}
	}

	get enabled(): boolean {
		return this.apiToken !== undefined;
	}

	/** Validates the `Authorization: Bearer <token>` header and returns the token. */
	authenticate(ctx: Ctx): TokenRecord {
		if (!this.enabled) {
			return {
				name: DISABLED_TOKEN_NAME,
				value: '',
				createdAt: new Date(),
				permissions: { full_access: true, read: [], write: [] },
				isProvisioned: false,
				ipAllowlist: [],
			};
		}
		const auth = header(ctx.req, 'authorization') ?? '';
		if (!auth.startsWith('Bearer ')) throw unauthorized('No bearer token in request header');
		const value = auth.slice('Bearer '.length).trim();
		const token = [...this.tokens.values()].find((t) => t.value === value);
		if (!token) throw unauthorized('Invalid token');
		if (isExpired(token)) throw unauthorized('Token has expired');
		if (token.ipAllowlist.length > 0) {
			const ip = (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
			if (!token.ipAllowlist.some((allowed) => ipMatches(ip, allowed))) {
				throw unauthorized(`IP address '${ip}' is not allowed for token '${token.name}'`);
			}
		}
		token.lastAccess = new Date();
		return token;
	}
}

function isExpired(token: TokenRecord): boolean {
	const now = Date.now();
	if (token.expiresAt && token.expiresAt.getTime() <= now) return true;
	if (token.ttl !== undefined) {
		const last = (token.lastAccess ?? token.createdAt).getTime();
		if (last + token.ttl * 1000 < now) return true;
	}
	return false;
}

function ipMatches(ip: string, allowed: string): boolean {
	const [net, bitsRaw] = allowed.split('/');
	if (bitsRaw === undefined || !isIPv4(ip) || !isIPv4(net)) return ip === allowed;
	const toInt = (addr: string) =>
		addr.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
	const bits = Number(bitsRaw);
	const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
	return (toInt(ip) & mask) === (toInt(net) & mask);
}

function bucketAllowed(list: string[], bucket: string): boolean {
	return list.some(
		(item) =>
			item === bucket ||
			(!bucket.startsWith('$') && item.endsWith('*') && bucket.startsWith(item.slice(0, -1))),
	);
}

export function requireAuthenticated(ctx: Ctx): TokenRecord {
	return ctx.state.tokens.authenticate(ctx);
}

export function requireFullAccess(ctx: Ctx): TokenRecord {
	const token = requireAuthenticated(ctx);
	if (!token.permissions.full_access) {
		throw forbidden(`Token '${token.name}' doesn't have full access`);
	}
	return token;
}

export function canRead(token: TokenRecord, bucket: string): boolean {
	return token.permissions.full_access || bucketAllowed(token.permissions.read, bucket);
}

export function requireRead(ctx: Ctx, bucket: string): TokenRecord {
	const token = requireAuthenticated(ctx);
	if (!canRead(token, bucket)) {
		throw forbidden(`Token '${token.name}' doesn't have read access to bucket '${bucket}'`);
	}
	return token;
}

export function requireWrite(ctx: Ctx, bucket: string): TokenRecord {
	const token = requireAuthenticated(ctx);
	if (!token.permissions.full_access && !bucketAllowed(token.permissions.write, bucket)) {
		throw forbidden(`Token '${token.name}' doesn't have write access to bucket '${bucket}'`);
	}
	return token;
}

/** Keeps token permissions in sync with bucket renames and removals (as the server does). */
export function renameBucketInTokens(store: TokenStore, oldName: string, newName?: string): void {
	for (const token of store.tokens.values()) {
		for (const key of ['read', 'write'] as const) {
			const list = token.permissions[key];
			token.permissions[key] =
				newName === undefined
					? list.filter((b) => b !== oldName)
					: list.map((b) => (b === oldName ? newName : b));
		}
	}
}

export function tokenJson(token: TokenRecord): Record<string, unknown> {
	return {
		name: token.name,
		created_at: token.createdAt.toISOString(),
		expires_at: token.expiresAt?.toISOString() ?? null,
		last_access: token.lastAccess?.toISOString() ?? null,
		is_expired: isExpired(token),
		ttl: token.ttl ?? null,
		ip_allowlist: token.ipAllowlist,
		is_provisioned: token.isProvisioned,
		permissions: token.permissions,
	};
}

function stringList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw unprocessable(`'${field}' must be a list of strings`);
	}
	return value as string[];
}

function parsePermissions(value: unknown): Permissions {
	if (value === undefined || value === null) return { full_access: false, read: [], write: [] };
	if (!isObject(value)) throw unprocessable("'permissions' must be an object");
	const fullAccess = value.full_access ?? false;
	if (typeof fullAccess !== 'boolean') throw unprocessable("'full_access' must be a boolean");
	const permissions = {
		full_access: fullAccess,
		read: stringList(value.read, 'read'),
		write: stringList(value.write, 'write'),
	};
	for (const item of [...permissions.read, ...permissions.write]) {
		if (!item.startsWith('$') && !PERMISSION_PATTERN.test(item)) {
			throw unprocessable(
				`Permission can contain only bucket names or wildcard '*', got '${item}'`,
			);
		}
	}
	return permissions;
}

function newSecret(name: string): string {
	return `${name}-${randomBytes(16).toString('hex')}`;
}

function requireTokenApi(ctx: Ctx): void {
	requireFullAccess(ctx);
	if (!ctx.state.tokens.enabled) throw badRequest('Authentication is disabled');
}

function findToken(ctx: Ctx, name: string): TokenRecord {
	const token = ctx.state.tokens.tokens.get(name);
	if (!token) throw notFound(`Token '${name}' doesn't exist`);
	return token;
}

/** GET /api/v1/me */
export function handleMe(ctx: Ctx): void {
	sendJson(ctx.res, tokenJson(requireAuthenticated(ctx)));
}

/** /api/v1/tokens[/:name[/rotate]] */
export async function handleTokens(ctx: Ctx, rest: string[]): Promise<boolean> {
	const { method, state } = ctx;
	const [name, action] = rest;
	if (rest.length === 0 && method === 'GET') {
		requireFullAccess(ctx);
		const tokens = [...state.tokens.tokens.values()].sort((a, b) => a.name.localeCompare(b.name));
		sendJson(ctx.res, { tokens: tokens.map(tokenJson) });
		return true;
	}
	if (rest.length === 2 && action === 'rotate' && method === 'POST') {
		requireTokenApi(ctx);
		const token = findToken(ctx, name);
		if (token.isProvisioned) throw conflict(`Can't rotate provisioned token '${name}'`);
		token.value = newSecret(name);
		token.createdAt = new Date();
		sendJson(ctx.res, { value: token.value, created_at: token.createdAt.toISOString() });
		return true;
	}
	if (rest.length !== 1) return false;

	switch (method) {
		case 'GET':
			requireTokenApi(ctx);
			sendJson(ctx.res, tokenJson(findToken(ctx, name)));
			return true;
		case 'POST':
			await createToken(ctx, name);
			return true;
		case 'DELETE': {
			requireFullAccess(ctx);
			if (state.tokens.enabled) {
				const token = findToken(ctx, name);
				if (token.isProvisioned) throw conflict(`Can't remove provisioned token '${name}'`);
				state.tokens.tokens.delete(name);
			}
			sendEmpty(ctx.res);
			return true;
		}
		default:
			return false;
	}
}

async function createToken(ctx: Ctx, name: string): Promise<void> {
	requireTokenApi(ctx);
	const body = await readJsonObject(ctx.req);
	// API < 1.19 clients post the bare permissions object
	const request = 'permissions' in body ? body : { permissions: body };
	const store = ctx.state.tokens;
	if (name === '') throw unprocessable("Token name can't be empty");
	if (store.tokens.has(name)) throw conflict(`Token '${name}' already exists`);
	const permissions = parsePermissions(request.permissions);

	let expiresAt: Date | undefined;
	if (request.expires_at !== undefined && request.expires_at !== null) {
		expiresAt = new Date(String(request.expires_at));
		if (Number.isNaN(expiresAt.getTime()))
			throw unprocessable("'expires_at' must be an RFC 3339 timestamp");
		if (expiresAt.getTime() < Date.now()) {
			throw unprocessable('Token expiration date must not be in the past');
		}
	}
	let ttl: number | undefined;
	if (request.ttl !== undefined && request.ttl !== null) {
		if (typeof request.ttl !== 'number' || !Number.isInteger(request.ttl) || request.ttl < 0) {
			throw unprocessable("'ttl' must be a number of seconds");
		}
		if (request.ttl === 0) throw unprocessable('Token TTL must be greater than zero');
		ttl = request.ttl;
	}

	const token: TokenRecord = {
		name,
		value: newSecret(name),
		createdAt: new Date(),
		permissions,
		isProvisioned: false,
		expiresAt,
		ttl,
		ipAllowlist: stringList(request.ip_allowlist, 'ip_allowlist'),
	};
	store.tokens.set(name, token);
	sendJson(ctx.res, { value: token.value, created_at: token.createdAt.toISOString() });
}
