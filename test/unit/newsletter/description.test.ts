import type { INodeProperties } from 'n8n-workflow';

import { InfomaniakNewsletter } from '../../../nodes/InfomaniakNewsletter/InfomaniakNewsletter.node';
import * as campaign from '../../../nodes/InfomaniakNewsletter/actions/campaign';
import * as mailingList from '../../../nodes/InfomaniakNewsletter/actions/mailingList';
import * as subscriber from '../../../nodes/InfomaniakNewsletter/actions/subscriber';
import * as utility from '../../../nodes/InfomaniakNewsletter/actions/utility';

/** The node's description and its operation table agree; the labels errors name exist. */

const description = new InfomaniakNewsletter().description;
const RESOURCES: Record<string, { operations: Record<string, unknown> }> = {
	campaign,
	mailingList,
	subscriber,
	utility,
};

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties((property.options ?? []).filter((o): o is INodeProperties => 'type' in o)),
	]);
}

describe('Infomaniak Newsletter description', () => {
	it('offers exactly the operations the router can run, for each resource', () => {
		const resources = description.properties.find((p) => p.name === 'resource')!;
		expect((resources.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
			Object.keys(RESOURCES),
		);
		for (const [resource, actions] of Object.entries(RESOURCES)) {
			const picker = description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			)!;
			const offered = (picker.options as Array<{ value: string }>).map((o) => o.value).sort();
			expect([resource, offered]).toEqual([resource, Object.keys(actions.operations).sort()]);
		}
	});

	it('counts the seed operations: campaigns 11, mailing lists 9, subscribers 8, utility 3', () => {
		expect(Object.keys(campaign.operations)).toHaveLength(11);
		expect(Object.keys(mailingList.operations)).toHaveLength(9);
		expect(Object.keys(subscriber.operations)).toHaveLength(8);
		expect(Object.keys(utility.operations)).toHaveLength(3);
	});

	it('shows every label that an error names', () => {
		const labels = new Set(allProperties(description.properties).map((p) => p.displayName));
		for (const label of [
			'Campaign',
			'Mailing List',
			'Subscriber',
			'Email',
			'Test Address',
			'Sender Address',
			'Sender Name',
			'Subject',
			'Language',
			'HTML Content',
			'Input Binary Field',
			'Send At',
			'Subscribers',
			'Subscriber Fields',
			'Email Column',
			'Separator',
			'Enclosure',
			'Mailing List Names or IDs',
			'Segment Name or ID',
			'Confirm Permanent Erasure',
			'Task ID',
			'Update Fields',
			'From Date',
			'To Date',
		])
			expect([label, labels.has(label)]).toEqual([label, true]);
	});

	it('is usable as a tool and has its pickers', () => {
		expect(description.usableAsTool).toBe(true);
		const node = new InfomaniakNewsletter();
		expect(Object.keys(node.methods.listSearch)).toEqual(['searchCampaigns', 'searchGroups']);
		expect(Object.keys(node.methods.loadOptions)).toEqual(['getGroups', 'getSegments']);
	});
});
