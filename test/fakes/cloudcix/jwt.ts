import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';

/**
 * RS256 JWTs as CloudCIX Membership issues them (`views/auth.py`: payload `{uid, exp}`, signed
 * with the private key; every service verifies with the public key, `cloudcix_rest/auth.py`).
 */

export interface TokenPayload {
	uid: number;
	/** Seconds since the epoch. */
	exp: number;
}

export interface KeyPair {
	privateKey: string;
	publicKey: string;
}

export function generateKeys(): KeyPair {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	};
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signToken(payload: TokenPayload, privateKey: string): string {
	const unsigned = `${encode({ typ: 'JWT', alg: 'RS256' })}.${encode(payload)}`;
	const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey, 'base64url');
	return `${unsigned}.${signature}`;
}

export type Verification =
	{ ok: true; payload: TokenPayload } | { ok: false; reason: 'decode' | 'expired' };

/** PyJWT's `decode(token, key, algorithms=['RS256'])`: signature first, then `exp`. */
export function verifyToken(token: string, publicKey: string, nowMs: number): Verification {
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, reason: 'decode' };
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		if (header.alg !== 'RS256') return { ok: false, reason: 'decode' };
		const valid = createVerify('RSA-SHA256')
			.update(`${parts[0]}.${parts[1]}`)
			.verify(publicKey, parts[2], 'base64url');
		if (!valid) return { ok: false, reason: 'decode' };
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenPayload;
		if (typeof payload.exp === 'number' && payload.exp * 1000 <= nowMs)
			return { ok: false, reason: 'expired' };
		return { ok: true, payload };
	} catch {
		return { ok: false, reason: 'decode' };
	}
}
