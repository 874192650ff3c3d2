import type { IDataObject } from 'n8n-workflow';

import type { NovaKeyPair } from '../../../shared/openstack/resources/compute';
import { tidy } from '../common';

/** A key pair without its private key (which only Create, generating one, shows). */
export function describeKeyPair(keyPair: NovaKeyPair): IDataObject {
	const { private_key: _privateKey, ...rest } = keyPair;
	return tidy(rest);
}
