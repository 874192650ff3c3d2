import { readFileSync } from 'fs';

/** The environment of the n8n process (or worker) the pack runs in: where n8n's settings live. */
export function serverEnvironment(): NodeJS.ProcessEnv {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- n8n's settings are this process's environment: reading them is the point
	return process.env;
}

/**
 * A setting of the n8n server, read the way n8n's own configuration (`@n8n/config`, n8n 2.40)
 * reads it: the environment variable when it is set (even to an empty string), else the
 * trimmed contents of the file named by `<NAME>_FILE` (Docker and Kubernetes secrets).
 *
 * Nodes run inside n8n's process (or a worker's, which is configured the same way), so this
 * is the value the server itself uses. `unreadable` is set when `<NAME>_FILE` names a file
 * that cannot be read: the caller does not know the setting, and must refuse what it guards.
 */
export interface N8nSetting {
	value?: string;
	unreadable?: boolean;
}

export function readN8nSetting(
	name: string,
	env: NodeJS.ProcessEnv = serverEnvironment(),
): N8nSetting {
	if (name in env) return { value: env[name] };
	const file = env[`${name}_FILE`];
	if (!file) return {};
	try {
		return { value: readFileSync(file, 'utf8').trim() };
	} catch {
		return { unreadable: true };
	}
}

/**
 * A text setting as n8n keeps it: trimmed, one pair of surrounding quotes removed; `fallback`
 * (n8n's default) when unset. `undefined` when the setting's file cannot be read.
 */
export function readN8nString(
	name: string,
	fallback: string,
	env: NodeJS.ProcessEnv = serverEnvironment(),
): string | undefined {
	const setting = readN8nSetting(name, env);
	if (setting.unreadable) return undefined;
	if (setting.value === undefined) return fallback;
	return setting.value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

/**
 * A boolean setting as n8n parses it: "true" or "1" is on, "false" or "0" is off (any case,
 * no spaces); anything else leaves n8n's default. `undefined` when the setting's file cannot
 * be read.
 */
export function readN8nBoolean(
	name: string,
	fallback: boolean,
	env: NodeJS.ProcessEnv = serverEnvironment(),
): boolean | undefined {
	const setting = readN8nSetting(name, env);
	if (setting.unreadable) return undefined;
	const value = setting.value?.toLowerCase();
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return fallback;
}

/** n8n's switch for the AWS credential chain of its host (off unless the administrator turns it on). */
export const AWS_SYSTEM_CREDENTIALS_SETTING = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';

/**
 * Whether this n8n server lets credentials use the AWS credentials of the machine it runs on
 * (environment, shared files, instance or container role), as n8n's own AWS credentials ask.
 */
export function awsSystemCredentialsEnabled(env: NodeJS.ProcessEnv = serverEnvironment()): boolean {
	return readN8nBoolean(AWS_SYSTEM_CREDENTIALS_SETTING, false, env) === true;
}
