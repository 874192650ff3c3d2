import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { resourceProperties, router } from './router';

export class InfomaniakNewsletter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Infomaniak Newsletter',
		name: 'infomaniakNewsletter',
		icon: {
			light: 'file:../../icons/infomaniak.svg',
			dark: 'file:../../icons/infomaniak.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send campaigns and manage mailing lists and subscribers with Infomaniak Newsletter',
		defaults: { name: 'Infomaniak Newsletter' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudPackInfomaniakNewsletterApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{
						name: 'Mailing List',
						value: 'mailingList',
						description: 'Groups of subscribers, as Infomaniak calls them',
					},
					{ name: 'Subscriber', value: 'subscriber' },
					{
						name: 'Utility',
						value: 'utility',
						description: 'Credits and background tasks',
					},
				],
				default: 'subscriber',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
