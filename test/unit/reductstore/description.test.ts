import type { INodeProperties } from 'n8n-workflow';

import { ReductStore } from '../../../nodes/ReductStore/ReductStore.node';
import { ReductStoreTrigger } from '../../../nodes/ReductStore/ReductStoreTrigger.node';
import * as bucket from '../../../nodes/ReductStore/actions/bucket';
import * as entry from '../../../nodes/ReductStore/actions/entry';
import * as record from '../../../nodes/ReductStore/actions/record';
import * as replication from '../../../nodes/ReductStore/actions/replication';
import * as server from '../../../nodes/ReductStore/actions/server';
import * as token from '../../../nodes/ReductStore/actions/token';

const node = new ReductStore();
const resources: Record<string, { operations: Record<string, object> }> = {
	bucket,
	entry,
	record,
	replication,
	server,
	token,
};

function operationOptions(resource: string): string[] {
	const picker = node.description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	) as INodeProperties;
	return (picker.options as Array<{ value: string }>).map((o) => o.value).sort();
}

describe('ReductStore node description', () => {
	it('is a tool-usable node with one credential and the listed resources', () => {
		expect(node.description).toMatchObject({
			name: 'reductStore',
			usableAsTool: true,
			credentials: [{ name: 'cloudPackReductStoreApi', required: true }],
		});
		const resource = node.description.properties.find(
			(p) => p.name === 'resource',
		) as INodeProperties;
		expect((resource.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
			Object.keys(resources).sort(),
		);
		expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchBuckets', 'searchEntries']);
	});

	it.each(Object.keys(resources))(
		'offers exactly the operations the router runs for %s',
		(resource) => {
			expect(operationOptions(resource)).toEqual(
				Object.keys(resources[resource].operations).sort(),
			);
		},
	);

	it('shows every operation parameter only for its resource and operation', () => {
		for (const property of node.description.properties) {
			if (property.name === 'resource') continue;
			expect([property.name, property.displayOptions?.show?.resource]).toEqual([
				property.name,
				expect.any(Array),
			]);
			if (property.name !== 'operation')
				expect(property.displayOptions?.show?.operation).toHaveLength(1);
		}
	});

	it("has the issue's operations", () => {
		expect(operationOptions('server')).toEqual(['info', 'listBuckets', 'me']);
		expect(operationOptions('bucket')).toEqual(['create', 'delete', 'get', 'rename', 'update']);
		expect(operationOptions('entry')).toEqual(['remove', 'rename']);
		expect(operationOptions('record')).toEqual([
			'query',
			'read',
			'remove',
			'updateLabels',
			'write',
			'writeBatch',
		]);
		expect(operationOptions('token')).toEqual(['create', 'get', 'list', 'remove', 'rotate']);
		expect(operationOptions('replication')).toEqual([
			'create',
			'delete',
			'get',
			'list',
			'setMode',
			'update',
		]);
	});
});

describe('ReductStore Trigger description', () => {
	it('is a polling trigger on the same credential with bucket and entry pickers', () => {
		const trigger = new ReductStoreTrigger();
		expect(trigger.description).toMatchObject({
			name: 'reductStoreTrigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
		});
		expect(trigger.description.credentials).toEqual([
			{ name: 'cloudPackReductStoreApi', required: true },
		]);
		expect(trigger.description.properties.map((p) => p.name)).toEqual([
			'bucket',
			'entry',
			'when',
			'download',
			'binaryPropertyName',
			'options',
		]);
	});
});
