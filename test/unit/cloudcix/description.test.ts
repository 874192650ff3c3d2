import type { ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { CloudPackCloudCixApi } from '../../../credentials/CloudPackCloudCixApi.credentials';
import { APPLICATIONS, serviceTitle } from '../../../nodes/CloudCix/catalogue';
import { CloudCix } from '../../../nodes/CloudCix/CloudCix.node';

const node = new CloudCix();
const properties = node.description.properties;

function shownFor(operation: string): string[] {
	return properties
		.filter((property) => {
			const show = property.displayOptions?.show;
			return !show?.operation || (show.operation as string[]).includes(operation);
		})
		.map((property) => property.name);
}

describe('catalogue', () => {
	it('application values are distinct host labels', () => {
		const values = APPLICATIONS.map((app) => app.value);
		expect(new Set(values).size).toBe(values.length);
		for (const value of values) expect(value).toMatch(/^[a-z0-9]+$/);
		expect(values).toEqual(
			expect.arrayContaining([
				'membership',
				'iaas',
				'compute',
				'contacts',
				'financial',
				'reporting',
			]),
		);
	});

	it('service paths are relative, end in / and have well-formed placeholders', () => {
		for (const app of APPLICATIONS)
			for (const service of app.services) {
				expect(service.path).toMatch(/^[a-z_]+(\/([a-z_]+|\{[a-z_]+\}))*\/$/);
				expect(service.path.includes('{')).toBe(service.path.includes('}'));
			}
	});

	it('service titles keep acronyms', () => {
		expect(serviceTitle('ip_address_group')).toBe('IP Address Group');
		expect(serviceTitle('vpn_status')).toBe('VPN Status');
	});

	it('the picker lists the services of the chosen application, filtered', async () => {
		const search = (application: string, filter?: string) =>
			node.methods.listSearch.searchServices.call(
				{ getCurrentNodeParameter: () => application } as unknown as ILoadOptionsFunctions,
				filter,
			);
		const membership = await search('membership');
		expect(membership.results).toContainEqual({
			name: 'Address Link (address/{address_id}/link/, without ID)',
			value: 'address/{address_id}/link/',
		});
		expect((await search('iaas', 'ip_addr')).results.map((r) => r.value)).toEqual([
			'ip_address/',
			'ip_address_group/',
		]);
		expect((await search('compute', 'INSTANCE')).results.map((r) => r.value)).toEqual([
			'compute/instances/',
		]);
		expect((await search('custom')).results).toEqual([]);
	});
});

describe('node description', () => {
	it('one hidden resource, eight operations, each with an action', () => {
		expect(properties[0]).toMatchObject({ name: 'resource', type: 'hidden', default: 'resource' });
		const operation = properties.find((p) => p.name === 'operation') as INodeProperties;
		expect(operation.options!.map((o) => (o as { value: string }).value)).toEqual([
			'create',
			'delete',
			'getAll',
			'head',
			'list',
			'partialUpdate',
			'read',
			'update',
		]);
		for (const option of operation.options!)
			expect((option as { action?: string }).action).toBeTruthy();
		expect(node.description.usableAsTool).toBe(true);
	});

	it.each([
		['create', ['specifyBody', 'jsonBody', 'bodyFields', 'options']],
		['read', ['withoutId', 'id', 'options']],
		['update', ['withoutId', 'id', 'specifyBody', 'jsonBody', 'bodyFields']],
		['partialUpdate', ['withoutId', 'id', 'specifyBody', 'jsonBody', 'bodyFields']],
		['delete', ['withoutId', 'id']],
		['head', ['id']],
		['list', ['page', 'limit', 'order', 'filters', 'options']],
		['getAll', ['returnAll', 'limit', 'order', 'filters', 'options']],
	])('%s shows its parameters after application, service and URL IDs', (operation, names) => {
		const shown = shownFor(operation);
		expect(shown).toEqual(
			expect.arrayContaining(['application', 'customApplication', 'service', 'urlIds', ...names]),
		);
	});

	it('List caps its limit at 100 in the editor too', () => {
		const limit = properties.find(
			(p) => p.name === 'limit' && p.displayOptions?.show?.operation?.includes('list'),
		);
		expect(limit?.typeOptions).toEqual({ minValue: 1, maxValue: 100 });
	});
});

describe('credential', () => {
	const credential = new CloudPackCloudCixApi();

	it("the token is n8n's expirable hidden field, sent as X-Auth-Token", async () => {
		expect(credential.properties.find((p) => p.name === 'token')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true },
		});
		const signed = await credential.authenticate(
			{ token: 'jwt-token', apiUrl: 'https://api.cloudcix.com/' },
			{ baseURL: 'https://membership.api.cloudcix.com/', url: 'country/', headers: { A: 'b' } },
		);
		expect(signed.headers).toEqual({ A: 'b', 'X-Auth-Token': 'jwt-token' });
	});

	it('the token goes to https:// (or http:// on this machine), never to user:password@', async () => {
		const sign = (baseURL: string) =>
			credential.authenticate({ token: 'jwt-token' }, { baseURL, url: 'country/' });
		await expect(sign('http://membership.cix.lan/')).rejects.toThrow(
			/^The "API URL" of the CloudCIX credential must use https:\/\/.*membership\.cix\.lan/,
		);
		await expect(sign('https://me:pw@membership.api.cloudcix.com/')).rejects.toThrow(
			/^The "API URL" of the CloudCIX credential must not contain a user name or password/,
		);
		await expect(sign('http://localhost:4010/membership/')).resolves.toMatchObject({
			headers: { 'X-Auth-Token': 'jwt-token' },
		});
	});

	it('defaults to https://api.cloudcix.com/ with TLS verification on', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(byName.apiUrl).toBe('https://api.cloudcix.com/');
		expect(byName.allowUnauthorizedCerts).toBe(false);
	});

	it('its test reads Membership; rules explain 401 and 403', () => {
		expect(credential.test.request.url).toBe('country/');
		expect(
			credential.test.rules?.map((rule) => (rule.properties as { value: number }).value),
		).toEqual([403, 401]);
	});
});
