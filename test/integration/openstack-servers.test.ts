/**
 * Smoke test of the local OpenStack that test/servers/openstack/start.sh runs (npm test starts
 * it through test/servers/up.sh): the member gets tokens by password and by application
 * credential, the token's catalog lists every service the OpenStack nodes use and each
 * answers, Swift behind Keystone stores objects (Swift API with a token, S3 API with an EC2
 * credential), and a token of the short-token Keystone is refused once it has expired.
 * Fails (never skips) when .dev/servers/openstack.json is missing.
 */
import {
	CreateBucketCommand,
	DeleteBucketCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	S3Client,
} from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

interface OpenStackServers {
	authUrl: string;
	authUrlShortTokens: string;
	shortTokenSeconds: number;
	region: string;
	admin: { username: string; password: string; projectName: string };
	member: {
		username: string;
		password: string;
		userId: string;
		projectName: string;
		projectId: string;
		userDomainName: string;
		projectDomainName: string;
		applicationCredential: { id: string; name: string; secret: string };
	};
	otherProject: { projectName: string; projectId: string };
	endpoints: Record<string, string>;
	publicNetwork: { name: string; id: string };
	image: { name: string; id: string };
	flavors: string[];
	swift: { proxyUrl: string; s3Region?: string };
}

interface CatalogEntry {
	type: string;
	endpoints: Array<{ interface: string; region_id: string; url: string }>;
}

interface Token {
	token: string;
	expiresAt: string;
	projectId: string;
	userId: string;
	catalog: CatalogEntry[];
}

const SERVICE_TYPES = [
	'identity',
	'compute',
	'image',
	'volumev3',
	'network',
	'object-store',
	'load-balancer',
	'dns',
	'orchestration',
	'placement',
];

function readServers(): OpenStackServers {
	const file = path.resolve(__dirname, '../../.dev/servers/openstack.json');
	if (!existsSync(file)) {
		throw new Error(
			`${file} is missing: start the local OpenStack first (bash test/servers/openstack/start.sh, or npm test)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as OpenStackServers;
}

async function authenticate(authUrl: string, identity: object, scope?: object): Promise<Token> {
	const response = await fetch(`${authUrl}/auth/tokens`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ auth: { identity, ...(scope ? { scope } : {}) } }),
	});
	const text = await response.text();
	if (response.status !== 201)
		throw new Error(`POST ${authUrl}/auth/tokens: ${response.status} ${text}`);
	const body = JSON.parse(text) as {
		token: {
			expires_at: string;
			project: { id: string };
			user: { id: string };
			catalog: CatalogEntry[];
		};
	};
	return {
		token: response.headers.get('x-subject-token') ?? '',
		expiresAt: body.token.expires_at,
		projectId: body.token.project.id,
		userId: body.token.user.id,
		catalog: body.token.catalog,
	};
}

function memberPassword(os: OpenStackServers, authUrl = os.authUrl): Promise<Token> {
	return authenticate(
		authUrl,
		{
			methods: ['password'],
			password: {
				user: {
					name: os.member.username,
					password: os.member.password,
					domain: { name: os.member.userDomainName },
				},
			},
		},
		{ project: { name: os.member.projectName, domain: { name: os.member.projectDomainName } } },
	);
}

function memberApplicationCredential(os: OpenStackServers): Promise<Token> {
	const { id, secret } = os.member.applicationCredential;
	return authenticate(os.authUrl, {
		methods: ['application_credential'],
		application_credential: { id, secret },
	});
}

function publicUrl(token: Token, type: string, region: string): string {
	const entry = token.catalog.find((e) => e.type === type);
	const endpoint = entry?.endpoints.find((e) => e.interface === 'public' && e.region_id === region);
	if (!endpoint) throw new Error(`no public ${type} endpoint in ${region}`);
	return endpoint.url.replace(/\/$/, '');
}

async function request(
	token: string,
	method: string,
	url: string,
	body?: string | Buffer,
	headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
	const response = await fetch(url, {
		method,
		headers: { 'X-Auth-Token': token, ...headers },
		body,
	});
	return { status: response.status, text: await response.text() };
}

async function getJson<T>(token: string, url: string): Promise<T> {
	const { status, text } = await request(token, 'GET', url, undefined, {
		Accept: 'application/json',
	});
	if (status !== 200) throw new Error(`GET ${url}: ${status} ${text.slice(0, 300)}`);
	return JSON.parse(text) as T;
}

const unique = (label: string) =>
	`${label}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

describe('local OpenStack (test/servers/openstack)', () => {
	let os: OpenStackServers;
	let member: Token;
	let shortToken: Token;
	let shortTokenIssuedAt: number;

	beforeAll(async () => {
		os = readServers();
		// Issued first, so that the expiry test at the end waits as little as possible.
		shortToken = await memberPassword(os, os.authUrlShortTokens);
		shortTokenIssuedAt = Date.now();
		member = await memberPassword(os);
	});

	test('a password token of the member carries every service, public and internal', async () => {
		expect(member.projectId).toBe(os.member.projectId);
		expect(member.userId).toBe(os.member.userId);
		for (const type of SERVICE_TYPES) {
			const entry = member.catalog.find((e) => e.type === type);
			expect({ type, found: !!entry }).toEqual({ type, found: true });
			const interfaces = entry!.endpoints
				.filter((e) => e.region_id === os.region)
				.map((e) => e.interface);
			expect(interfaces).toEqual(expect.arrayContaining(['public', 'internal']));
			expect(publicUrl(member, type, os.region)).toBe(os.endpoints[type].replace(/\/$/, ''));
		}
	});

	test('an application credential of the member authenticates into the same project', async () => {
		const token = await memberApplicationCredential(os);
		expect(token.projectId).toBe(os.member.projectId);
		expect(token.userId).toBe(os.member.userId);
		expect(token.catalog.map((e) => e.type)).toEqual(expect.arrayContaining(SERVICE_TYPES));
	});

	test('every service answers the member', async () => {
		const t = member.token;
		const url = (type: string) => publicUrl(member, type, os.region);

		const projects = await getJson<{ projects: Array<{ id: string }> }>(
			t,
			`${url('identity')}/auth/projects`,
		);
		expect(projects.projects.map((p) => p.id)).toContain(os.member.projectId);

		const flavors = await getJson<{ flavors: Array<{ name: string }> }>(
			t,
			`${url('compute')}/flavors`,
		);
		expect(flavors.flavors.map((f) => f.name)).toEqual(expect.arrayContaining(os.flavors));
		await getJson(t, `${url('compute')}/servers`);

		const images = await getJson<{ images: Array<{ id: string; status: string }> }>(
			t,
			`${url('image')}/v2/images`,
		);
		expect(images.images.find((i) => i.id === os.image.id)?.status).toBe('active');

		await getJson(t, `${url('volumev3')}/volumes`);
		const types = await getJson<{ volume_types: unknown[] }>(t, `${url('volumev3')}/types`);
		expect(types.volume_types.length).toBeGreaterThan(0);

		const networks = await getJson<{ networks: Array<{ id: string; 'router:external': boolean }> }>(
			t,
			`${url('network')}/v2.0/networks?router:external=true`,
		);
		expect(networks.networks.map((n) => n.id)).toContain(os.publicNetwork.id);
		await getJson(t, `${url('network')}/v2.0/security-groups`);
		await getJson(t, `${url('network')}/v2.0/routers`);

		const account = await request(t, 'GET', url('object-store'));
		expect([200, 204]).toContain(account.status);

		await getJson(t, `${url('load-balancer')}/v2/lbaas/loadbalancers`);
		await getJson(t, `${url('dns')}/v2/zones`);
		await getJson(t, `${url('orchestration')}/stacks`);
		await getJson(t, `${url('placement')}/`);
	});

	test('Swift through Keystone stores and returns an object', async () => {
		const t = member.token;
		const base = publicUrl(member, 'object-store', os.region);
		const container = unique('smoke');
		const data = Buffer.from(`hello from ${container}`);
		expect((await request(t, 'PUT', `${base}/${container}`)).status).toBe(201);
		try {
			expect((await request(t, 'PUT', `${base}/${container}/a.txt`, data)).status).toBe(201);
			const got = await request(t, 'GET', `${base}/${container}/a.txt`);
			expect(got.status).toBe(200);
			expect(got.text).toBe(data.toString());
			expect((await request(t, 'DELETE', `${base}/${container}/a.txt`)).status).toBe(204);
		} finally {
			await request(t, 'DELETE', `${base}/${container}`);
		}
		// Without a token, the same account refuses.
		expect((await fetch(`${base}/${container}`)).status).toBe(401);
	});

	test('an EC2 credential signs S3 requests that Swift (s3api + s3token) accepts', async () => {
		const t = member.token;
		const identity = publicUrl(member, 'identity', os.region);
		const created = await request(
			t,
			'POST',
			`${identity}/users/${os.member.userId}/credentials/OS-EC2`,
			JSON.stringify({ tenant_id: os.member.projectId }),
			{ 'Content-Type': 'application/json' },
		);
		expect(created.status).toBe(201);
		const { access, secret } = (
			JSON.parse(created.text) as { credential: { access: string; secret: string } }
		).credential;
		const s3 = new S3Client({
			endpoint: os.swift.proxyUrl,
			region: os.swift.s3Region ?? 'us-east-1',
			forcePathStyle: true,
			credentials: { accessKeyId: access, secretAccessKey: secret },
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
		});
		const bucket = unique('s3smoke').toLowerCase();
		try {
			await s3.send(new CreateBucketCommand({ Bucket: bucket }));
			await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k.txt', Body: 'via s3token' }));
			const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k.txt' }));
			expect(await got.Body!.transformToString()).toBe('via s3token');
			// The same object through the Swift API, in the member's project account.
			const swift = publicUrl(member, 'object-store', os.region);
			expect((await request(t, 'GET', `${swift}/${bucket}/k.txt`)).text).toBe('via s3token');
			const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
			expect(listed.Contents?.map((c) => c.Key)).toEqual(['k.txt']);
			await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k.txt' }));
			await s3.send(new DeleteBucketCommand({ Bucket: bucket }));

			// A wrong secret is refused.
			const forged = new S3Client({
				endpoint: os.swift.proxyUrl,
				region: os.swift.s3Region ?? 'us-east-1',
				forcePathStyle: true,
				credentials: { accessKeyId: access, secretAccessKey: `${secret}x` },
				requestChecksumCalculation: 'WHEN_REQUIRED',
			});
			await expect(forged.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toThrow();
		} finally {
			s3.destroy();
			await request(
				t,
				'DELETE',
				`${identity}/users/${os.member.userId}/credentials/OS-EC2/${access}`,
			);
		}
	});

	test('a token of the short-token Keystone works, then expires for Keystone and the services', async () => {
		const lifetime = (Date.parse(shortToken.expiresAt) - shortTokenIssuedAt) / 1000;
		expect(lifetime).toBeLessThanOrEqual(os.shortTokenSeconds + 5);
		const compute = publicUrl(shortToken, 'compute', os.region);
		const swift = publicUrl(shortToken, 'object-store', os.region);
		const validate = () =>
			request(member.token, 'GET', `${os.authUrl}/auth/tokens`, undefined, {
				'X-Subject-Token': shortToken.token,
			});
		expect((await validate()).status).toBe(200);
		expect((await request(shortToken.token, 'GET', `${compute}/flavors`)).status).toBe(200);
		expect([200, 204]).toContain((await request(shortToken.token, 'GET', swift)).status);

		const wait = Date.parse(shortToken.expiresAt) + 1500 - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

		expect((await validate()).status).toBe(404);
		expect((await request(shortToken.token, 'GET', `${os.authUrl}/auth/projects`)).status).toBe(
			401,
		);
		expect((await request(shortToken.token, 'GET', `${compute}/flavors`)).status).toBe(401);
		expect((await request(shortToken.token, 'GET', swift)).status).toBe(401);
	}, 150_000);
});
