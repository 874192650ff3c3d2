/**
 * The OpenStack credential and the OpenStack Identity node against a real Keystone 22
 * (test/servers/openstack): both authentication methods, renewal of tokens that expire during
 * a run (a second Keystone issues 60-second tokens) or are revoked, named failures, application
 * and EC2 credentials — an EC2 credential it creates signs S3 requests the Keystone-backed Swift
 * s3api accepts.
 */
import type { IDataObject } from 'n8n-workflow';

import { OpenStackIdentity } from '../../nodes/OpenStackIdentity/OpenStackIdentity.node';
import { openStackRequest, openStackSession } from '../../nodes/shared/openstack/request';
import { requestSession } from '../../nodes/shared/openstack/keystone';
import { parseSession } from '../../nodes/shared/openstack/session';
import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { rl } from '../helpers/executeContext';
import {
	credentialStore,
	openStackContext,
	runNode,
	runNodeFailing,
} from '../helpers/openstack/context';
import { httpRequest } from '../helpers/openstack/n8nCredentials';
import {
	memberAppCredential,
	openStackServers,
	passwordCredential,
	unique,
} from '../helpers/openstack/servers';

jest.setTimeout(240_000);

const node = new OpenStackIdentity();

describe('OpenStack credential and Identity node on Keystone 22', () => {
	const servers = openStackServers();
	const member = servers.member;

	const current = async (credential: IDataObject) =>
		(
			await runNode(node, credentialStore(credential), {
				params: { resource: 'user', operation: 'getCurrent' },
			})
		).json[0];

	it('authenticates with the application credential by ID, by name and user, and with a password', async () => {
		const byId = await current(memberAppCredential());
		expect(byId).toMatchObject({
			user: { id: member.userId, name: member.username },
			project: { id: member.projectId, name: member.projectName },
			region: servers.region,
			methods: ['application_credential'],
			applicationCredential: { id: member.applicationCredential.id },
		});
		expect(byId.services).toEqual(expect.arrayContaining(['identity', 'object-store', 'compute']));
		expect(JSON.stringify(byId)).not.toContain(member.applicationCredential.secret);
		const byName = await current(
			memberAppCredential({
				applicationCredentialBy: 'name',
				applicationCredentialName: member.applicationCredential.name,
				applicationCredentialUserName: member.username,
			}),
		);
		expect(byName).toMatchObject({ project: { id: member.projectId } });
		const byPassword = await current(passwordCredential('member'));
		expect(byPassword).toMatchObject({
			methods: ['password'],
			project: { id: member.projectId },
			user: { id: member.userId },
		});
		const byProjectId = await current(
			passwordCredential('member', { projectBy: 'id', projectId: member.projectId }),
		);
		expect(byProjectId).toMatchObject({ project: { name: member.projectName } });
	});

	it('lists the projects of a member (who may not call /v3/projects)', async () => {
		const projects = (
			await runNode(node, credentialStore(memberAppCredential()), {
				params: { resource: 'project', operation: 'list', returnAll: true },
			})
		).json;
		expect(projects.map((project) => project.id)).toContain(member.projectId);
		expect(projects.map((project) => project.id)).not.toContain(servers.otherProject.projectId);
	});

	it('renews a token that expires during a run, and one that is revoked, without failing', async () => {
		const store = credentialStore(memberAppCredential({ authUrl: servers.authUrlShortTokens }));
		const { ctx } = openStackContext(store);
		const started = Date.now();
		let calls = 0;
		// Longer than a token lives: the session is replaced before its end, never used expired.
		while (Date.now() - started < (servers.shortTokenSeconds + 20) * 1000) {
			await openStackRequest(ctx, {
				service: 'object-store',
				method: 'HEAD',
				path: '',
				json: false,
			});
			calls++;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
		expect(calls).toBeGreaterThan(20);
		expect(store.updates).toBeGreaterThanOrEqual(2);

		// Revoked under the run's feet (by the admin): a 401, then n8n's renewal, then success.
		const before = parseSession(store.data.session)!;
		const admin = await requestSession(httpRequest, passwordCredential('admin'), {});
		await httpRequest({
			method: 'DELETE',
			url: `${servers.authUrl}/auth/tokens`,
			headers: { 'X-Auth-Token': admin.token, 'X-Subject-Token': before.token },
		});
		const updates = store.updates;
		// Keystone checks every token at once (Swift's authtoken trusts its cache for minutes).
		await openStackRequest(openStackContext(store).ctx, {
			service: 'identity',
			path: `/users/${member.userId}`,
		});
		expect(store.updates).toBe(updates + 1);
		expect(parseSession(store.data.session)!.token).not.toBe(before.token);
	});

	it('names a wrong secret, a region missing from the catalog and a URL that is not Keystone v3', async () => {
		const secret = 'definitely-not-the-secret-0815';
		const wrong = await runNodeFailing(
			node,
			credentialStore(memberAppCredential({ applicationCredentialSecret: secret })),
			{
				params: { resource: 'user', operation: 'getCurrent' },
			},
		);
		expect(wrong.message).toMatch(
			/^Keystone refused the application credential \(HTTP 401\): check its ID and secret/,
		);
		expect(`${wrong.message} ${wrong.description} ${JSON.stringify(wrong)}`).not.toContain(secret);
		const wrongPassword = await runNodeFailing(
			node,
			credentialStore(passwordCredential('member', { password: secret })),
			{
				params: { resource: 'user', operation: 'getCurrent' },
			},
		);
		expect(wrongPassword.message).toMatch(/^Keystone refused the user name or password/);
		expect(`${wrongPassword.message} ${wrongPassword.description}`).not.toContain(secret);
		const otherProject = await runNodeFailing(
			node,
			credentialStore(
				passwordCredential('member', { projectName: servers.otherProject.projectName }),
			),
			{ params: { resource: 'user', operation: 'getCurrent' } },
		);
		expect(otherProject.message).toMatch(/^No project scope: the user name and password are right/);

		const region = await runNodeFailing(
			node,
			credentialStore(memberAppCredential({ region: 'dc3-a' })),
			{
				params: { resource: 'user', operation: 'getCurrent' },
			},
		);
		expect(region.message).toBe(
			`Region "dc3-a" is not in the catalog of ${servers.authUrl}; its regions: ${servers.region}`,
		);
		expect(region.description).toBe('Check the "Region" of the OpenStack credential');

		const v2 = await runNodeFailing(
			node,
			credentialStore(memberAppCredential({ authUrl: servers.authUrl.replace(/\/v3$/, '/v2.0') })),
			{
				params: { resource: 'user', operation: 'getCurrent' },
			},
		);
		expect(v2.message).toMatch(/is not Keystone v3 \(it ends in \/v2\.0\)/);
		const swiftAsKeystone = await runNodeFailing(
			node,
			credentialStore(memberAppCredential({ authUrl: `${servers.swift.proxyUrl}/v3` })),
			{
				params: { resource: 'user', operation: 'getCurrent' },
			},
		);
		expect(swiftAsKeystone.message).toMatch(/is not a Keystone v3 endpoint/);
		expect(swiftAsKeystone.description).toBe('Check the "Auth URL" of the OpenStack credential');
	});

	it('creates an application credential (secret shown once) that authenticates, lists, gets and deletes it', async () => {
		const store = credentialStore(memberAppCredential());
		const name = unique('it-appcred');
		const expiresAt = new Date(Date.now() + 86400_000).toISOString();
		const [created] = (
			await runNode(node, store, {
				params: {
					resource: 'applicationCredential',
					operation: 'create',
					name,
					options: { roles: 'member, reader', expiresAt, description: 'integration' },
				},
			})
		).json;
		expect(created).toMatchObject({
			name,
			projectId: member.projectId,
			roles: expect.arrayContaining(['member', 'reader']),
			unrestricted: false,
		});
		expect(created.secret).toEqual(expect.any(String));
		expect(Math.abs(Date.parse(created.expiresAt as string) - Date.parse(expiresAt))).toBeLessThan(
			1000,
		);
		const session = await requestSession(
			httpRequest,
			memberAppCredential({
				applicationCredentialId: created.id,
				applicationCredentialSecret: created.secret,
			}),
			{},
		);
		expect(session.roles.sort()).toEqual(['member', 'reader']);

		const listed = (
			await runNode(node, store, {
				params: { resource: 'applicationCredential', operation: 'list', returnAll: true, name },
			})
		).json;
		expect(listed).toHaveLength(1);
		expect(listed[0]).not.toHaveProperty('secret');
		const [got] = (
			await runNode(node, store, {
				params: {
					resource: 'applicationCredential',
					operation: 'get',
					applicationCredential: rl(created.id as string, 'id'),
				},
			})
		).json;
		expect(got).toMatchObject({ id: created.id, name });
		const [deleted] = (
			await runNode(node, store, {
				params: {
					resource: 'applicationCredential',
					operation: 'delete',
					applicationCredential: rl(created.id as string, 'id'),
				},
			})
		).json;
		expect(deleted).toEqual({ id: created.id, deleted: true });
		await expect(
			requestSession(
				httpRequest,
				memberAppCredential({
					applicationCredentialId: created.id,
					applicationCredentialSecret: created.secret,
				}),
				{},
			),
		).rejects.toThrow(
			/^Keystone does not know the application credential \(HTTP 404\): check its ID/,
		);
	});

	it('creates EC2 credentials (OS-EC2) that sign S3 requests the Keystone-backed Swift s3api accepts, lists and deletes them', async () => {
		const store = credentialStore(memberAppCredential());
		const [created] = (
			await runNode(node, store, {
				params: { resource: 'ec2Credential', operation: 'create', projectId: '' },
			})
		).json;
		expect(created).toMatchObject({
			access: expect.any(String),
			secret: expect.any(String),
			projectId: member.projectId,
			userId: member.userId,
		});
		expect(created.usage).toMatch(/Cloud Pack S3 API credential/);

		const s3 = await S3Service.fromCredential({
			provider: 'custom',
			authentication: 'accessKey',
			endpoint: servers.swift.proxyUrl,
			region: servers.swift.s3Region,
			forcePathStyle: true,
			accessKeyId: created.access as string,
			secretAccessKey: created.secret as string,
		});
		const bucket = unique('it-ec2').toLowerCase();
		try {
			await s3.createBucket(bucket);
			expect((await s3.listBuckets()).map((entry) => entry.name)).toContain(bucket);
			// The bucket is the member's Swift container: the Swift API sees it too.
			const { ctx } = openStackContext(store);
			await expect(
				openStackRequest(ctx, {
					service: 'object-store',
					method: 'HEAD',
					path: `/${bucket}`,
					json: false,
				}),
			).resolves.toBeDefined();
		} finally {
			await s3.deleteBucket(bucket, { force: true }).catch(() => undefined);
		}

		const listed = (
			await runNode(node, store, {
				params: { resource: 'ec2Credential', operation: 'list', returnAll: true },
			})
		).json;
		const mine = listed.find((entry) => entry.access === created.access);
		expect(mine).toMatchObject({ projectId: member.projectId });
		expect(mine).not.toHaveProperty('secret');
		const [deleted] = (
			await runNode(node, store, {
				params: {
					resource: 'ec2Credential',
					operation: 'delete',
					ec2Credential: rl(created.access as string, 'id'),
				},
			})
		).json;
		expect(deleted).toEqual({ access: created.access, deleted: true });
		await expect(s3.listBuckets()).rejects.toThrow();
		s3.destroy();
	});

	it('keeps one session per credential across node runs (one token request)', async () => {
		const store = credentialStore(memberAppCredential());
		for (let i = 0; i < 5; i++) await openStackSession(openStackContext(store).ctx);
		expect(store.updates).toBe(1);
	});
});
