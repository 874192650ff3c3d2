import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { applyList, InvalidFilterValue, validateList } from './framework';
import { generateKeys, signToken, verifyToken, type KeyPair } from './jwt';
import {
	DEFAULT_SERVICES,
	SAMPLE_COUNTRIES,
	fieldTypes,
	validateRecord,
	type ServiceDef,
} from './services';

/**
 * An in-memory CloudCIX, as its framework and Membership behave (see README.md): every
 * application under `/{application}/` of one server, so the credential's API URL is
 * `http://127.0.0.1:PORT/{application}/`.
 */

export interface FakeUser {
	id: number;
	email: string;
	password: string;
	/** The API key of the user's Member. */
	memberApiKey: string;
	/** Past its expiry date: logs in, then every request gets 403. */
	expired?: boolean;
	/** Logs in with a one-time password (membership_token_create_007/008 without it). */
	otp?: string;
}

export interface RequestLogEntry {
	method: string;
	application: string;
	/** Path below the application, e.g. "department/7/". */
	path: string;
	/** Query string without "?". */
	query: string;
	params: URLSearchParams;
	/** The X-Auth-Token header, when sent. */
	token?: string;
	body?: unknown;
	status: number;
}

export type FakeRecord = Record<string, unknown> & { id: number };

export interface CloudCixFakeOptions {
	/** settings.TOKEN_VALID_HOURS (not public): default 2 hours, like the Go SDK assumes. */
	tokenLifetimeSeconds?: number;
	services?: ServiceDef[];
}

export interface CloudCixFake {
	/** For the credential: http://127.0.0.1:PORT/{application}/ */
	apiUrl: string;
	origin: string;
	publicKey: string;
	/** The default user, valid in its Member. */
	user: FakeUser;
	requests: RequestLogEntry[];
	/** Protocol misuse by the client (see README.md); a test asserts it stays empty. */
	violations: string[];
	/** Successful logins (POST auth/login/ answered 201). */
	logins(): number;
	/** Requests to services (the login excluded). */
	serviceRequests(): RequestLogEntry[];
	addUser(user: Omit<FakeUser, 'id'>): FakeUser;
	/** A token as a login would issue it now, living `lifetimeSeconds` (default: the option). */
	issueToken(user?: FakeUser, lifetimeSeconds?: number): string;
	/** The fake's clock: real time plus the jumps of advanceClock / expireTokensAfter. */
	now(): number;
	advanceClock(seconds: number): void;
	/** After `requests` more authenticated requests, every token issued so far has expired. */
	expireTokensAfter(requests: number): void;
	addService(service: ServiceDef): void;
	/** Adds records to a collection service; `urlIds` for nested ones. */
	seed(
		application: string,
		path: string,
		records: Array<Record<string, unknown>>,
		urlIds?: Record<string, number>,
	): FakeRecord[];
	records(application: string, path: string, urlIds?: Record<string, number>): FakeRecord[];
	/** Forgets requests, violations, records (seeding the sample countries again) and clock jumps. */
	reset(): void;
	close(): Promise<void>;
}

interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Django's own pages are HTML, not JSON. */
	html?: string;
}

class Answer extends Error {
	constructor(readonly reply: Reply) {
		super(`HTTP ${reply.status}`);
	}
}

const fail = (status: number, body: unknown, headers?: Record<string, string>) =>
	new Answer({ status, body, headers });

const NOT_FOUND_PAGE =
	'<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** `cloudcix_rest/exceptions.py` with a code; its detail comes from the errors module. */
export function codedError(status: number, code: string, detail: string) {
	return fail(status, { error_code: code, detail });
}

const LOGIN_ERRORS: Record<string, string> = {
	membership_token_create_001:
		'Both the "email" and "password" keys are required in the sent data.',
	membership_token_create_002:
		'The sent email and password combination is invalid. Please check both and try again.',
	membership_token_create_003:
		'The sent "api_key" is invalid. The authenticating User does not belong to a Member with that "api_key"',
	membership_token_create_007:
		'One Time Password (otp) is required. Please check your Authenticator App and try again.',
	membership_token_create_008:
		'One Time Password (otp) is invalid. Please check your Authenticator App and try again.',
};

const loginError = (code: string) => codedError(400, code, LOGIN_ERRORS[code]);

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** A service path template as a regular expression; ids are integers (Django `<int:…>`). */
function templateRegex(path: string, withPk: boolean): RegExp {
	const source = path
		.split(/(\{[a-z_]+\})/)
		.map((part) =>
			/^\{[a-z_]+\}$/.test(part)
				? `(?<${part.slice(1, -1)}>\\d+)`
				: part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	return new RegExp(`^${source}${withPk ? '(?<pk>\\d+)/' : ''}$`);
}

export async function startCloudCixFake(options: CloudCixFakeOptions = {}): Promise<CloudCixFake> {
	const lifetime = options.tokenLifetimeSeconds ?? 7200;
	const keys: KeyPair = generateKeys();
	const services: ServiceDef[] = [...(options.services ?? DEFAULT_SERVICES)];
	const requests: RequestLogEntry[] = [];
	const violations: string[] = [];
	const users: FakeUser[] = [];
	/** service key ("app path") + JSON of url ids → records */
	let tables = new Map<string, FakeRecord[]>();
	let nextId = 1;
	let offsetMs = 0;
	let loginCount = 0;
	let expireCountdown: number | undefined;

	const now = () => Date.now() + offsetMs;
	const tableKey = (service: ServiceDef, urlIds: Record<string, number>) =>
		`${service.application} ${service.path} ${JSON.stringify(urlIds)}`;
	const table = (service: ServiceDef, urlIds: Record<string, number>) => {
		const key = tableKey(service, urlIds);
		if (!tables.has(key)) tables.set(key, []);
		return tables.get(key)!;
	};
	const findService = (application: string, path: string) =>
		services.find((service) => service.application === application && service.path === path);

	function addUser(user: Omit<FakeUser, 'id'>): FakeUser {
		const added = { ...user, id: 1000 + users.length };
		users.push(added);
		return added;
	}
	const defaultUser = addUser({
		email: 'robot@example.com',
		password: 'correct horse battery',
		memberApiKey: 'a1b2c3d4e5f6a7b8c9d0',
	});

	function issueToken(user: FakeUser = defaultUser, seconds = lifetime): string {
		return signToken({ uid: user.id, exp: Math.floor(now() / 1000) + seconds }, keys.privateKey);
	}

	function stamp(record: Record<string, unknown>, service: ServiceDef): FakeRecord {
		const id = nextId++;
		const at = new Date(now()).toISOString();
		return {
			id,
			...record,
			created: at,
			updated: at,
			uri: `/${service.application}/${service.path}${id}/`,
		} as FakeRecord;
	}

	function seed(
		application: string,
		path: string,
		records: Array<Record<string, unknown>>,
		urlIds: Record<string, number> = {},
	): FakeRecord[] {
		const service = findService(application, path);
		if (!service) throw new Error(`The fake has no service ${application} ${path}`);
		const stamped = records.map((record) => stamp(record, service));
		table(service, urlIds).push(...stamped);
		return stamped;
	}

	function reset(): void {
		requests.length = 0;
		violations.length = 0;
		tables = new Map();
		nextId = 1;
		offsetMs = 0;
		loginCount = 0;
		expireCountdown = undefined;
		seed('membership', 'country/', SAMPLE_COUNTRIES);
	}
	reset();

	// ---------------------------------------------------------------- login (Membership)

	function login(method: string, body: Record<string, unknown>, token: string | undefined): Reply {
		if (method === 'POST') {
			if (!('email' in body) || !('password' in body))
				throw loginError('membership_token_create_001');
			const email = String(body.email).toLowerCase();
			const matching = users.filter((user) => user.email.toLowerCase() === email);
			if (!matching.some((user) => user.password === body.password))
				throw loginError('membership_token_create_002');
			if (!('api_key' in body)) return { status: 200, body: {} };
			const user = matching.find(
				(candidate) =>
					candidate.memberApiKey === body.api_key && candidate.password === body.password,
			);
			if (!user) throw loginError('membership_token_create_003');
			if (user.otp !== undefined) {
				if (!('otp' in body)) throw loginError('membership_token_create_007');
				if (String(body.otp) !== user.otp) throw loginError('membership_token_create_008');
			}
			loginCount++;
			return { status: 201, body: { token: issueToken(user) } };
		}
		const user = authenticate(token);
		if (method === 'PUT') return { status: 200, body: { token: issueToken(user, 3600) } };
		throw fail(405, { detail: `Method "${method}" not allowed.` });
	}

	// ---------------------------------------------------------------- authentication (framework)

	function authenticate(token: string | undefined): FakeUser {
		if (token === undefined)
			throw fail(
				401,
				{ detail: 'Authentication credentials were not provided.' },
				{ 'WWW-Authenticate': 'X-Auth-Token' },
			);
		const verified = verifyToken(token, keys.publicKey, now());
		if (!verified.ok)
			throw fail(
				401,
				{
					detail:
						verified.reason === 'expired'
							? 'JWT token is expired. Please login again.'
							: 'An error occurred while decoding your token, try again later.',
				},
				{ 'WWW-Authenticate': 'X-Auth-Token' },
			);
		const user = users.find((candidate) => candidate.id === verified.payload.uid);
		if (!user)
			throw fail(
				401,
				{ detail: 'User is either inactive or deleted.' },
				{ 'WWW-Authenticate': 'X-Auth-Token' },
			);
		if (user.expired) throw fail(403, { detail: 'User is expired. Cannot log in.' });
		return user;
	}

	/** Counts an authenticated request towards expireTokensAfter. */
	function countTowardsExpiry(): void {
		if (expireCountdown === undefined) return;
		expireCountdown--;
		if (expireCountdown <= 0) {
			expireCountdown = undefined;
			offsetMs += (lifetime + 60) * 1000;
		}
	}

	// ---------------------------------------------------------------- services

	function route(application: string, path: string) {
		for (const service of services) {
			if (service.application !== application) continue;
			for (const withPk of service.shape === 'collection' ? [false, true] : [false]) {
				const match = templateRegex(service.path, withPk).exec(path);
				if (!match) continue;
				const groups = { ...match.groups };
				const pk = groups.pk === undefined ? undefined : Number(groups.pk);
				delete groups.pk;
				const urlIds = Object.fromEntries(
					Object.entries(groups).map(([name, value]) => [name, Number(value)]),
				);
				return { service, pk, urlIds };
			}
		}
		return undefined;
	}

	function handleService(
		method: string,
		target: NonNullable<ReturnType<typeof route>>,
		params: URLSearchParams,
		body: Record<string, unknown>,
	): Reply {
		const { service, pk, urlIds } = target;
		const rows = table(service, urlIds);
		const prefix = service.errorPrefix;
		const single = service.shape === 'single';
		const allows = (verb: string) => service.methods.includes(verb as never);
		const notAllowed = () => fail(405, { detail: `Method "${method}" not allowed.` });
		const find = (verb: string) => {
			const record = single ? rows[0] : rows.find((row) => row.id === pk);
			if (!record)
				throw codedError(
					404,
					`${prefix}_${verb}_001`,
					`The "pk" path parameter is invalid. "pk" must belong to a valid record.`,
				);
			return record;
		};
		const taken = (except?: number) => (field: string, value: unknown) =>
			rows.some((row) => row.id !== except && row[field] === value);
		const parentMissing = (verb: string) => {
			if (!service.parent) return;
			const parent = findService(service.parent.application, service.parent.path);
			const exists =
				parent && table(parent, {}).some((row) => row.id === urlIds[service.parent!.urlId]);
			if (!exists)
				throw codedError(
					404,
					`${prefix}_${verb}_001`,
					`The "${service.parent.urlId}" path parameter is invalid. It must belong to a valid record.`,
				);
		};
		const isCollection = pk === undefined && !single;
		const head = method === 'HEAD';
		if ((method === 'GET' || head) && isCollection) {
			if (!allows('list')) throw notAllowed();
			const clean = validateList(params, service);
			let listed;
			try {
				listed = applyList(rows, clean, fieldTypes(service));
			} catch (error) {
				if (!(error instanceof InvalidFilterValue)) throw error;
				throw codedError(
					400,
					`${prefix}_list_001`,
					'One or more of the sent search fields contains invalid values. Please check the sent parameters and ensure they match the required patterns.',
				);
			}
			return {
				status: 200,
				body: {
					content: listed.page,
					_metadata: {
						page: clean.page,
						limit: clean.limit,
						order: clean.order,
						total_records: listed.total,
						warnings: clean.warnings,
					},
				},
			};
		}
		if (method === 'GET' || head) {
			if (!allows('read')) throw notAllowed();
			parentMissing('read');
			return { status: 200, body: { content: find('read') } };
		}
		if (method === 'POST' && (isCollection || single)) {
			if (!allows('create')) throw notAllowed();
			parentMissing('create');
			if (single && rows.length > 0)
				throw codedError(409, `${prefix}_create_002`, 'The record already exists.');
			const { clean, errors } = validateRecord(service, 'create', body, false, taken());
			if (Object.keys(errors).length > 0) throw fail(400, { errors, detail: 'Bad request.' });
			const record = stamp(clean, service);
			rows.push(record);
			return { status: 201, body: { content: record } };
		}
		if ((method === 'PUT' || method === 'PATCH') && !isCollection) {
			if (!allows('update')) throw notAllowed();
			parentMissing('update');
			const record = find('update');
			const partial = method === 'PATCH';
			const { clean, errors } = validateRecord(service, 'update', body, partial, taken(record.id));
			if (Object.keys(errors).length > 0) throw fail(400, { errors, detail: 'Bad request.' });
			Object.assign(record, clean, { updated: new Date(now()).toISOString() });
			return { status: 200, body: { content: record } };
		}
		if (method === 'DELETE' && !isCollection) {
			if (!allows('delete')) throw notAllowed();
			const record = find('delete');
			rows.splice(rows.indexOf(record), 1);
			return { status: 204 };
		}
		throw notAllowed();
	}

	// ---------------------------------------------------------------- HTTP

	function noteViolations(req: IncomingMessage, url: URL, rawBody: string, method: string): void {
		const keys = [...url.searchParams.keys()];
		const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
		if (repeated.length > 0)
			violations.push(
				`${method} ${url.pathname}: repeated query keys ${repeated.join(', ')} (CloudCIX keeps the last)`,
			);
		for (const key of keys)
			if (/token|password|api_key/i.test(key))
				violations.push(`${method} ${url.pathname}: credential in the query string (${key})`);
		if (['POST', 'PUT', 'PATCH'].includes(method) && rawBody !== '') {
			if (!/^application\/json/i.test(String(req.headers['content-type'] ?? '')))
				violations.push(
					`${method} ${url.pathname}: body sent as ${req.headers['content-type']}, not JSON`,
				);
		}
		if (!url.pathname.endsWith('/'))
			violations.push(`${method} ${url.pathname}: no trailing slash (Django redirects or fails)`);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		const rawBody = await readBody(req);
		const [, application = '', ...rest] = url.pathname.split('/');
		const path = rest.join('/');
		const token =
			typeof req.headers['x-auth-token'] === 'string' ? req.headers['x-auth-token'] : undefined;
		let body: unknown;
		const entry: RequestLogEntry = {
			method,
			application,
			path,
			query: url.search.replace(/^\?/, ''),
			params: url.searchParams,
			token,
			status: 0,
		};
		requests.push(entry);
		noteViolations(req, url, rawBody, method);
		let reply: Reply;
		try {
			if (rawBody.trim() !== '') {
				try {
					body = JSON.parse(rawBody);
				} catch (error) {
					throw fail(400, { detail: `JSON parse error - ${(error as Error).message}` });
				}
			}
			entry.body = body;
			const data = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
			const isLogin = application === 'membership' && path === 'auth/login/';
			if (!isLogin && ('password' in data || 'api_key' in data))
				violations.push(
					`${method} ${url.pathname}: the login's password or api_key sent to a service`,
				);
			if (isLogin) {
				reply = login(method, data, token);
			} else if (
				!path.endsWith('/') &&
				(method === 'GET' || method === 'HEAD') &&
				route(application, `${path}/`)
			) {
				reply = { status: 301, headers: { Location: `${url.pathname}/${url.search}` } };
			} else {
				const target = route(application, path);
				if (!target) throw new Answer({ status: 404, html: NOT_FOUND_PAGE });
				authenticate(token);
				countTowardsExpiry();
				reply = handleService(method, target, url.searchParams, data);
			}
		} catch (error) {
			if (!(error instanceof Answer)) {
				violations.push(`[fake] ${method} ${url.pathname}: ${(error as Error).stack}`);
				reply = { status: 500, html: '<h1>Server Error (500)</h1>' };
			} else reply = error.reply;
		}
		entry.status = reply.status;
		const payload = reply.html ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
		const headers: Record<string, string | number> = {
			Date: new Date(now()).toUTCString(),
			Vary: 'Accept',
			Allow: 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
			...(payload !== ''
				? {
						'Content-Type': reply.html ? 'text/html; charset=utf-8' : 'application/json',
						'Content-Length': Buffer.byteLength(payload),
					}
				: {}),
			...reply.headers,
		};
		res.writeHead(reply.status, headers);
		res.end(method === 'HEAD' ? undefined : payload);
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			violations.push(`[fake] ${error.stack}`);
			res.writeHead(500).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;

	return {
		apiUrl: `${origin}/{application}/`,
		origin,
		publicKey: keys.publicKey,
		user: defaultUser,
		requests,
		violations,
		logins: () => loginCount,
		serviceRequests: () =>
			requests.filter(
				(entry) => !(entry.application === 'membership' && entry.path === 'auth/login/'),
			),
		addUser,
		issueToken,
		now,
		advanceClock(seconds) {
			offsetMs += seconds * 1000;
		},
		expireTokensAfter(count) {
			expireCountdown = count;
		},
		addService(service) {
			services.push(service);
		},
		seed,
		records(application, path, urlIds = {}) {
			const service = findService(application, path);
			if (!service) throw new Error(`The fake has no service ${application} ${path}`);
			return table(service, urlIds);
		},
		reset,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
