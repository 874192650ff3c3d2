import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsCollection, triggerOutputField } from '../shared/node/description';
import { backendParameter, otherBackendCredentials } from './backendParameter';
import { containerLocator } from './actions/common';
import { credentialTest, listSearch } from './methods';
import { pollObjects } from './trigger/poll';

export class CloudStorageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud Storage Trigger',
		name: 'cloudStorageTrigger',
		icon: {
			light: 'file:../../icons/cloudStorage.svg',
			dark: 'file:../../icons/cloudStorage.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"objects in " + $parameter["container"].value}}',
		description: 'Starts the workflow when objects are created or changed in a container',
		defaults: { name: 'Cloud Storage Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'cloudPackLocalStorageApi',
				required: true,
				displayOptions: { show: { backend: ['local'] } },
				testedBy: 'testLocalCredential',
			},
			...otherBackendCredentials,
		],
		properties: [
			backendParameter,
			containerLocator(),
			{
				displayName: 'Prefix',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. incoming/',
				description: 'Only watch keys that start with this',
			},
			{
				displayName: 'Download Objects',
				name: 'download',
				type: 'boolean',
				default: false,
				description: 'Whether to attach each new object as binary data',
			},
			triggerOutputField,
			optionsCollection([
				{
					displayName: 'Settle Window (Seconds)',
					name: 'settleSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 3600,
					description:
						"How far behind the newest object a new object's modification time may lag and still be picked up (uploads that take long, clocks that differ)",
				},
			]),
		],
	};

	methods = { listSearch, credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollObjects.call(this);
	}
}
