import {
	AzureServiceError,
	toAzureError,
} from '../../../nodes/shared/storage/drivers/azure/errors';
import { credentialSecrets } from '../../../nodes/shared/storage/drivers/azure/client';
import {
	checkMetadata,
	checkTags,
	blobNameProblem,
	containerNameProblem,
} from '../../../nodes/shared/storage/drivers/azure/names';
import {
	AuthError,
	ContainerNotFoundError,
	ObjectNotFoundError,
	RateLimitedError,
	StorageError,
} from '../../../nodes/shared/storage/errors';

const KEY =
	'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function restError(statusCode: number, errorCode: string, message: string) {
	return Object.assign(new Error(message), {
		name: 'RestError',
		statusCode,
		code: errorCode,
		details: { errorCode },
	});
}

describe('toAzureError', () => {
	it('maps Azure error codes to the typed storage errors, pointed at the right parameter', () => {
		const missingBlob = toAzureError(
			restError(404, 'BlobNotFound', 'The specified blob does not exist.\nRequestId:1'),
			{
				container: 'box',
				blob: 'a.txt',
				blobParameter: 'blob',
			},
		);
		expect(missingBlob).toBeInstanceOf(ObjectNotFoundError);
		expect((missingBlob as StorageError).parameter).toBe('blob');
		const missingContainer = toAzureError(restError(404, 'ContainerNotFound', 'x'), {
			container: 'box',
			containerParameter: 'targetContainer',
		});
		expect(missingContainer).toBeInstanceOf(ContainerNotFoundError);
		expect((missingContainer as StorageError).parameter).toBe('targetContainer');
		expect(toAzureError(restError(503, 'ServerBusy', 'busy'))).toBeInstanceOf(RateLimitedError);
		expect(toAzureError(restError(429, '', 'slow down'))).toBeInstanceOf(RateLimitedError);
		const other = toAzureError(
			restError(
				400,
				'InvalidHeaderValue',
				'The value for one of the HTTP headers is not in the correct format.\nRequestId:2',
			),
		);
		expect(other).toBeInstanceOf(AzureServiceError);
		expect(other.message).toBe(
			'Azure Blob Storage answered HTTP 400 InvalidHeaderValue: The value for one of the HTTP headers is not in the correct format.',
		);
	});

	it('explains authentication failures per way of signing in, without any secret', () => {
		const answer = restError(
			403,
			'AuthenticationFailed',
			`Server failed to authenticate the request. Signature ${KEY} sig=abc123def456`,
		);
		const error = toAzureError(answer, { authentication: 'sasToken', secrets: [KEY] });
		expect(error).toBeInstanceOf(AuthError);
		expect(error.message).toMatch(
			/^Azure refused the credential \(AuthenticationFailed\): Server failed to authenticate the request\./,
		);
		expect(error.message).toMatch(/check that the SAS token of the credential is valid/);
		expect(error.message).not.toContain(KEY);
		expect(error.message).not.toContain('abc123def456');
	});

	it('turns Entra ID token failures into an AuthError naming the fields to check', () => {
		const identity = Object.assign(new Error('ClientSecretCredential authentication failed'), {
			name: 'AuthenticationError',
			errorResponse: {
				errorDescription: 'AADSTS7000215: Invalid client secret provided.\nTrace ID: 1',
			},
		});
		const error = toAzureError(identity, { authentication: 'entraId' });
		expect(error).toBeInstanceOf(AuthError);
		expect(error.message).toBe(
			'Microsoft Entra ID did not issue a token for the service principal of the credential: AADSTS7000215: Invalid client secret provided. Check the tenant ID, client ID and client secret',
		);
	});

	it('describes network failures in words, naming the endpoint', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
			name: 'RestError',
			code: 'REQUEST_SEND_ERROR',
			cause: { code: 'ECONNREFUSED' },
		});
		const error = toAzureError(refused, { endpoint: 'http://127.0.0.1:1/acct' });
		expect(error.message).toBe(
			'Cannot reach the Azure Blob endpoint http://127.0.0.1:1/acct: the connection was refused; check the endpoint, and that the service runs',
		);
		expect(error.message).not.toMatch(/ECONNREFUSED/); // n8n would replace the whole message with a generic one
		const dns = toAzureError(
			Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }),
			{ endpoint: 'https://x.blob.core.windows.net' },
		);
		expect(dns.message).toMatch(/host name does not resolve; check the account name/);
	});
});

describe('Azure names', () => {
	it('knows which secrets a credential holds, including inside a connection string', () => {
		const secrets = credentialSecrets({
			connectionString: `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
			sasToken: '?sv=2024&sig=abc%2Bdef',
		});
		expect(secrets).toEqual(
			expect.arrayContaining([KEY, '?sv=2024&sig=abc%2Bdef', 'abc%2Bdef', 'abc+def']),
		);
	});

	it('checks container and blob names by Azure rules', () => {
		expect(containerNameProblem('logs-2026')).toBeUndefined();
		expect(containerNameProblem('Logs')).toMatch(/lowercase/);
		expect(blobNameProblem('reports/2026/summary.pdf')).toBeUndefined();
		expect(blobNameProblem('ends-with/')).toBeUndefined();
		expect(blobNameProblem('a\\')).toMatch(/must not end with/);
	});

	it('checks metadata and tags', () => {
		expect(checkMetadata([{ name: 'Owner_1', value: 'team a' }])).toEqual({ Owner_1: 'team a' });
		expect(() =>
			checkMetadata([
				{ name: 'a', value: '1' },
				{ name: 'A', value: '2' },
			]),
		).toThrow(/"A" is given twice/);
		expect(() => checkMetadata([{ name: 'city', value: 'Zürich' }])).toThrow(/printable ASCII/);
		expect(() => checkMetadata([{ name: '1st', value: 'x' }])).toThrow(
			/must start with a letter or "_"/,
		);
		expect(checkTags([{ name: 'project', value: 'a b+c' }])).toEqual({ project: 'a b+c' });
		expect(() => checkTags([{ name: 'x', value: 'semi;colon' }])).toThrow(/value of tag "x"/);
		expect(() =>
			checkTags(Array.from({ length: 11 }, (_, i) => ({ name: `t${i}`, value: '' }))),
		).toThrow(/at most 10 tags/);
	});
});
