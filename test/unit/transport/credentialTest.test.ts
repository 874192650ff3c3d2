import { CloudPackCloudCixApi } from '../../../credentials/CloudPackCloudCixApi.credentials';
import { CloudPackCodaApi } from '../../../credentials/CloudPackCodaApi.credentials';
import { CloudPackInfomaniakNewsletterApi } from '../../../credentials/CloudPackInfomaniakNewsletterApi.credentials';
import { CloudPackOpenStackApi } from '../../../credentials/CloudPackOpenStackApi.credentials';
import { CloudPackReductStoreApi } from '../../../credentials/CloudPackReductStoreApi.credentials';
import {
	CREDENTIAL_TEST_DEADLINE_MS,
	credentialTestHeaders,
	withCredentialTestTimeout,
	withinCredentialTestDeadline,
} from '../../../nodes/shared/transport/credentialTest';

describe('withinCredentialTestDeadline', () => {
	afterEach(() => jest.useRealTimers());

	it('gives the test its own result when it ends in time', async () => {
		const result = await withinCredentialTestDeadline(async () => ({
			status: 'OK',
			message: 'listed',
		}));
		expect(result).toEqual({ status: 'OK', message: 'listed' });
	});

	it('answers an Error naming the wait when the test has not ended by the deadline', async () => {
		jest.useFakeTimers();
		const pending = withinCredentialTestDeadline(() => new Promise(() => undefined));
		await jest.advanceTimersByTimeAsync(CREDENTIAL_TEST_DEADLINE_MS - 1);
		let settled = false;
		void pending.then(() => (settled = true));
		await Promise.resolve();
		expect(settled).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await expect(pending).resolves.toEqual({
			status: 'Error',
			message: expect.stringMatching(/^No answer within 25 seconds/),
		});
	});

	it('leaves no timer behind once the test ended', async () => {
		jest.useFakeTimers();
		await withinCredentialTestDeadline(async () => ({ status: 'Error', message: 'refused' }));
		expect(jest.getTimerCount()).toBe(0);
	});
});

describe("a declarative credential test's own timeout", () => {
	it('goes back on the request, the marker header dropped, when authenticate runs', async () => {
		const credentials = {
			apiToken: 't',
			token: 't',
			baseUrl: 'https://coda.io/apis/v1',
			url: 'https://reduct.example.com',
			apiUrl: 'https://{application}.api.cloudcix.com',
		};
		for (const credential of [
			new CloudPackCodaApi(),
			new CloudPackReductStoreApi(),
			new CloudPackInfomaniakNewsletterApi(),
			new CloudPackCloudCixApi(),
			new CloudPackOpenStackApi(),
		]) {
			expect(credential.test.request.headers).toEqual(credentialTestHeaders());
			const options = await credential.authenticate(credentials, {
				url: 'https://example.com/x',
				timeout: 300_000,
				headers: credentialTestHeaders(),
			});
			expect(options.timeout).toBe(10_000);
			expect(Object.keys(options.headers ?? {})).not.toContain(
				Object.keys(credentialTestHeaders())[0],
			);
		}
	});

	it('leaves every other request as it is', () => {
		const options = { url: 'https://example.com/x', timeout: 300_000, headers: { a: 'b' } };
		expect(withCredentialTestTimeout(options)).toBe(options);
	});
});
