import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The local OpenStack of the tests (test/servers/openstack/start.sh and the Keystone-backed
 * Swift proxy of test/servers/swift/start.sh): its connection details, read from
 * `.dev/servers/openstack.json`. A test that needs them fails without them.
 */

interface Account {
	username: string;
	password: string;
	userId?: string;
	projectName: string;
	projectId: string;
	userDomainName: string;
	projectDomainName: string;
}

export interface OpenStackServers {
	authUrl: string;
	authUrlShortTokens: string;
	shortTokenSeconds: number;
	region: string;
	admin: Account;
	member: Account & {
		roles: string[];
		applicationCredential: { id: string; name: string; secret: string };
	};
	otherProject: Account;
	endpoints: Record<string, string>;
	swift: { proxyUrl: string; s3Region: string };
}

export function openStackServers(): OpenStackServers {
	const file =
		process.env.OPENSTACK_SERVERS_JSON ??
		path.resolve(__dirname, '../../../.dev/servers/openstack.json');
	if (!existsSync(file)) {
		throw new Error(
			`${file} is missing: start the local OpenStack first (bash test/servers/openstack/start.sh and test/servers/swift/start.sh, or npm test)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as OpenStackServers;
}

/** The member's application credential (by ID), as the Cloud Pack OpenStack API credential holds it. */
export function memberAppCredential(
	overrides: Record<string, unknown> = {},
): ICredentialDataDecryptedObject {
	const servers = openStackServers();
	return {
		cloud: 'custom',
		authUrl: servers.authUrl,
		region: servers.region,
		authentication: 'applicationCredential',
		applicationCredentialBy: 'id',
		applicationCredentialId: servers.member.applicationCredential.id,
		applicationCredentialSecret: servers.member.applicationCredential.secret,
		interface: 'public',
		session: '',
		...overrides,
	} as ICredentialDataDecryptedObject;
}

/** A user's password credential, scoped to their project by name. */
export function passwordCredential(
	who: 'member' | 'admin' | 'otherProject' = 'member',
	overrides: Record<string, unknown> = {},
): ICredentialDataDecryptedObject {
	const servers = openStackServers();
	const account = servers[who];
	return {
		cloud: 'custom',
		authUrl: servers.authUrl,
		region: servers.region,
		authentication: 'password',
		userName: account.username,
		userDomainName: account.userDomainName,
		password: account.password,
		projectBy: 'name',
		projectName: account.projectName,
		projectDomainName: account.projectDomainName,
		interface: 'public',
		session: '',
		...overrides,
	} as ICredentialDataDecryptedObject;
}

/** A name unique to this run. */
export function unique(label: string): string {
	return `${label}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
