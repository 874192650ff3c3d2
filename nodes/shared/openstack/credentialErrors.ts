import { UserError } from 'n8n-workflow';

/**
 * Why the credential could not give a token: settings that cannot work (`field` names the
 * credential field) or what Keystone refused or lacked. Thrown inside the credential's
 * `preAuthentication`, so n8n hands it on wrapped; it is named like n8n's own UserError, which
 * the shared transport passes through untouched (it happened before any request was sent), and
 * the OpenStack layer turns it into a clear node error.
 */
export class OpenStackCredentialError extends UserError {
	readonly openStackCredentialError = true;

	constructor(
		message: string,
		readonly field?: string,
		readonly keystoneStatus?: number,
	) {
		super(message);
		this.name = 'UserError';
	}
}

/** Settings that cannot work. */
export class OpenStackConfigError extends OpenStackCredentialError {}

/** What Keystone refused or lacked. */
export class OpenStackAuthError extends OpenStackCredentialError {}

/** The credential error along an error's `cause` chain, if any. */
export function findCredentialError(error: unknown): OpenStackCredentialError | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		if ((current as { openStackCredentialError?: unknown }).openStackCredentialError === true)
			return current as OpenStackCredentialError;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
