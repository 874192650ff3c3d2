import { NodeApiError, UserError } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { cloudRequest } from '../../../nodes/shared/transport';
import { FAKE_NODE, fakeClock } from './fakeContext';

/**
 * `expirableToken`: a token about to run out is handed to n8n emptied, so n8n's
 * preAuthentication renews it before the request; a UserError raised on the way (a refused
 * login) reaches the node unchanged and is not retried.
 */

const CRED = 'expiringTest';

interface Call {
	options: IHttpRequestOptions;
	additional?: IAdditionalCredentialOptions;
}

function context(stored: ICredentialDataDecryptedObject, answer: () => unknown = () => ({})) {
	const calls: Call[] = [];
	const ctx = {
		getNode: () => ({ ...FAKE_NODE, credentials: { [CRED]: { id: 'cred-1', name: 'My login' } } }),
		getCredentials: async () => ({ ...stored }),
		helpers: {
			async httpRequestWithAuthentication(
				_type: string,
				options: IHttpRequestOptions,
				additional?: IAdditionalCredentialOptions,
			) {
				calls.push({ options, additional });
				return answer();
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

const expiring = {
	field: 'token',
	due: (credentials: ICredentialDataDecryptedObject) => credentials.renewAt === 'now',
};

test('a token that is not due goes the usual way (no credential handed over)', async () => {
	const { ctx, calls } = context({ token: 'still-good', renewAt: 'later' });
	await cloudRequest(ctx, CRED, { url: 'http://x.invalid/a', expirableToken: expiring });
	expect(calls).toHaveLength(1);
	expect(calls[0].additional).toBeUndefined();
	expect(calls[0].options).not.toHaveProperty('expirableToken');
});

test('a due token is handed to n8n emptied, with the stored credential id, so n8n renews and stores it', async () => {
	const { ctx, calls } = context({ token: 'old', renewAt: 'now', email: 'a@b.c' });
	await cloudRequest(ctx, CRED, { url: 'http://x.invalid/a', expirableToken: expiring });
	expect(calls).toHaveLength(1);
	expect(calls[0].additional).toEqual({
		credentialsDecrypted: {
			id: 'cred-1',
			name: 'My login',
			type: CRED,
			data: { token: '', renewAt: 'now', email: 'a@b.c' },
		},
	});
});

test('without expirableToken nothing is read from the credential before the request', async () => {
	const { ctx, calls } = context({ token: 'old', renewAt: 'now' });
	const getCredentials = jest.spyOn(ctx, 'getCredentials');
	await cloudRequest(ctx, CRED, { url: 'http://x.invalid/a' });
	expect(getCredentials).not.toHaveBeenCalled();
	expect(calls[0].additional).toBeUndefined();
});

test('a UserError raised by the credential (a refused login) is rethrown unchanged and not retried', async () => {
	const refused = new UserError('The login was refused: wrong password');
	const { ctx, calls } = context({ token: '' }, () => {
		throw new NodeApiError(FAKE_NODE, refused as never);
	});
	const clock = fakeClock();
	const error = await cloudRequest(ctx, CRED, { url: 'http://x.invalid/a' }, {}, clock.deps).catch(
		(thrown: unknown) => thrown as NodeApiError,
	);
	expect(calls).toHaveLength(1);
	expect(clock.delays).toEqual([]);
	expect(error.message).toBe('The login was refused: wrong password');
	expect(error.cause).toBe(refused);
});
