import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * A stand-in for Keystone v3 in unit tests: `POST /identity/v3/auth/tokens` answers like Keystone
 * 22 (201, X-Subject-Token, the token body of the sample in specs/openstack with its catalog
 * pointed at this server), tokens can expire or be revoked (401), and every other path below
 * `/svc/` is a "service" that checks the token and hands the request to `service`.
 */

const SAMPLE = '/work/shared/specs/openstack/keystone-sample-app-creds-response.json';

export interface SampleToken {
	token: {
		catalog: Array<{ type: string; name: string; endpoints: Array<Record<string, string>> }>;
		[key: string]: unknown;
	};
}

export function sampleTokenBody(): SampleToken {
	return JSON.parse(readFileSync(SAMPLE, 'utf8')) as SampleToken;
}

export interface ServiceCall {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: string;
}

export type ServiceHandler = (call: ServiceCall, res: ServerResponse) => void;

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

export class FakeKeystone {
	private server: Server;
	url = '';
	readonly appCredential = {
		id: 'f37a55af0c3a459ca410f6a283357210',
		name: 'foo',
		secret: 'app-secret-Zq8w1x9Y',
	};
	readonly user = {
		id: 'e81a2d7a033642beae9932ba28f176b8',
		name: 'admin',
		password: 'pw-Secret-4711',
	};
	readonly project = { id: 'c4fdc1bcf30541048ca086d7332a57e3', name: 'admin' };
	/** Token lifetime, and how long ago new tokens claim to have been issued. */
	lifetimeSeconds = 3600;
	issuedSecondsAgo = 0;
	/** Token answers to give next, instead of the normal one (status + body). */
	nextTokenAnswers: Array<{ status: number; body: unknown }> = [];
	tokenRequests: unknown[] = [];
	readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
	serviceCalls: ServiceCall[] = [];
	/** Service type → URL its public endpoint is listed with instead (e.g. a plain http:// host). */
	endpointUrls: Record<string, string> = {};
	service: ServiceHandler = (_call, res) => sendJson(res, 200, {});
	private counter = 0;

	constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
		});
	}

	get authUrl(): string {
		return `${this.url}/identity/v3`;
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	revokeAll(): void {
		for (const token of this.tokens.values()) token.revoked = true;
	}

	/** The credential data of an application credential on this Keystone. */
	credential(overrides: Record<string, unknown> = {}): ICredentialDataDecryptedObject {
		return {
			cloud: 'custom',
			authUrl: this.authUrl,
			region: 'RegionOne',
			authentication: 'applicationCredential',
			applicationCredentialBy: 'id',
			applicationCredentialId: this.appCredential.id,
			applicationCredentialSecret: this.appCredential.secret,
			interface: 'public',
			session: '',
			...overrides,
		} as ICredentialDataDecryptedObject;
	}

	private catalog() {
		return this.localCatalog().map((entry) =>
			this.endpointUrls[entry.type] === undefined
				? entry
				: {
						...entry,
						endpoints: entry.endpoints.map((endpoint: { interface?: string; url: string }) =>
							endpoint.interface === 'public'
								? { ...endpoint, url: this.endpointUrls[entry.type] }
								: endpoint,
						),
					},
		);
	}

	private localCatalog() {
		const sample = sampleTokenBody().token.catalog;
		const svc = `${this.url}/svc`;
		return [
			...sample.map((entry) => ({
				...entry,
				endpoints: entry.endpoints.map((endpoint) => ({
					...endpoint,
					url: endpoint.url
						.replace('http://10.0.109.180:9696', svc)
						.replace('http://10.0.109.180', svc),
				})),
			})),
			{
				type: 'object-store',
				name: 'swift',
				id: 'swift0',
				endpoints: [
					{
						interface: 'public',
						region: 'RegionOne',
						region_id: 'RegionOne',
						url: `${svc}/swift/v1/AUTH_${this.project.id}`,
					},
					{
						interface: 'internal',
						region: 'RegionOne',
						region_id: 'RegionOne',
						url: `${svc}/swift-internal/v1/AUTH_${this.project.id}`,
					},
				],
			},
			// Designate registers its root, Heat its v1 base with the project (as DevStack does).
			{
				type: 'dns',
				name: 'designate',
				id: 'designate0',
				endpoints: [
					{ interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${svc}/dns/` },
				],
			},
			{
				type: 'orchestration',
				name: 'heat',
				id: 'heat0',
				endpoints: [
					{
						interface: 'public',
						region: 'RegionOne',
						region_id: 'RegionOne',
						url: `${svc}/heat-api/v1/${this.project.id}`,
					},
				],
			},
		];
	}

	private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
		const url = new URL(req.url ?? '/', this.url);
		if (url.pathname === '/identity/v3/auth/tokens' && req.method === 'POST')
			return this.issue(res, body);
		const token = this.tokens.get(String(req.headers['x-auth-token'] ?? ''));
		if (!token || token.revoked || token.expiresAt <= Date.now()) {
			return sendJson(res, 401, {
				error: {
					code: 401,
					message: 'The request you have made requires authentication.',
					title: 'Unauthorized',
				},
			});
		}
		if (url.pathname === '/identity/v3/auth/catalog')
			return sendJson(res, 200, { catalog: this.catalog() });
		const call: ServiceCall = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			body,
		};
		this.serviceCalls.push(call);
		this.service(call, res);
	}

	private issue(res: ServerResponse, raw: string): void {
		const request = JSON.parse(raw) as {
			auth: {
				identity: {
					methods: string[];
					application_credential?: {
						id?: string;
						name?: string;
						secret?: string;
						user?: { name?: string };
					};
					password?: { user: { name: string; password: string; domain?: { name?: string } } };
				};
				scope?: { project?: { id?: string; name?: string } };
			};
		};
		this.tokenRequests.push(request);
		const planned = this.nextTokenAnswers.shift();
		if (planned) return sendJson(res, planned.status, planned.body);
		const refuse = () =>
			sendJson(res, 401, {
				error: {
					code: 401,
					message: 'The request you have made requires authentication.',
					title: 'Unauthorized',
				},
			});
		const identity = request.auth.identity;
		let scoped = true;
		if (identity.methods[0] === 'application_credential') {
			const given = identity.application_credential ?? {};
			const known =
				given.id === this.appCredential.id ||
				(given.name === this.appCredential.name && given.user?.name === this.user.name);
			if (!known || given.secret !== this.appCredential.secret) return refuse();
		} else {
			const user = identity.password?.user;
			if (user?.name !== this.user.name || user.password !== this.user.password) return refuse();
			const project = request.auth.scope?.project;
			if (!project) scoped = false;
			else if (project.id !== this.project.id && project.name !== this.project.name)
				return refuse();
		}
		const token = `gAAAAAtoken-${++this.counter}-${Math.random().toString(36).slice(2)}`;
		const issuedAt = Date.now() - this.issuedSecondsAgo * 1000;
		const expiresAt = issuedAt + this.lifetimeSeconds * 1000;
		this.tokens.set(token, { expiresAt, revoked: false });
		const sample = sampleTokenBody().token;
		const body = {
			token: {
				...sample,
				methods: identity.methods,
				issued_at: new Date(issuedAt).toISOString().replace('Z', '000Z'),
				expires_at: new Date(expiresAt).toISOString().replace('Z', '000Z'),
				...(scoped
					? { catalog: this.catalog() }
					: { catalog: undefined, project: undefined, roles: undefined }),
			},
		};
		sendJson(res, 201, body, { 'X-Subject-Token': token });
	}
}

/**
 * One FakeKeystone for a test file (a jest helper): started before its tests, stopped after
 * them, `reset` before each; the returned function gives the running instance.
 */
export function useFakeKeystone(
	reset: (keystone: FakeKeystone) => void = () => undefined,
): () => FakeKeystone {
	let keystone: FakeKeystone | undefined;
	beforeAll(async () => {
		keystone = await new FakeKeystone().start();
	});
	afterAll(async () => await keystone?.stop());
	beforeEach(() => reset(keystone!));
	return () => keystone!;
}
