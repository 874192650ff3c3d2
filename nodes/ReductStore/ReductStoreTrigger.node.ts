import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsCollection, triggerOutputField } from '../shared/node/description';
import { bucketLocator, entryLocator, whenParameter } from './actions/common';
import { registerNodeProperties } from '../shared/node/labels';
import { listSearch } from './methods';
import { pollRecords } from './trigger/poll';

export class ReductStoreTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ReductStore Trigger',
		name: 'reductStoreTrigger',
		icon: {
			light: 'file:../../icons/reductstore.svg',
			dark: 'file:../../icons/reductstore.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"records in " + $parameter["bucket"].value + "/" + $parameter["entry"].value}}',
		description: 'Starts the workflow when new records are written to a ReductStore entry',
		defaults: { name: 'ReductStore Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackReductStoreApi', required: true }],
		properties: [
			bucketLocator(),
			entryLocator(),
			{
				...whenParameter,
				description:
					'Only records matching this conditional query (JSON), e.g. {"&sensor": {"$eq": "kitchen"}}. Leave empty for every new record.',
			},
			{
				displayName: 'Download Content',
				name: 'download',
				type: 'boolean',
				default: true,
				description:
					"Whether to attach each record's content as binary data (otherwise only its metadata)",
			},
			triggerOutputField,
			optionsCollection([
				{
					displayName: 'Lookback (Seconds)',
					name: 'lookbackSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'Also pick up records written late with a timestamp up to this far behind the newest one seen (writers with lagging clocks). Each poll re-reads this window.',
				},
				{
					displayName: 'Max Records per Poll',
					name: 'maxRecords',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 100,
					description: 'The most records one poll emits; the rest follow at the next polls',
				},
			]),
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// errors name the trigger's parameters as n8n shows them
		registerNodeProperties(this.getNode().type, new ReductStoreTrigger().description.properties);
		return await pollRecords.call(this);
	}
}
