import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, nodeBasics } from '../shared/node/description';
import { listSearch, loadOptions } from './methods';
import { router } from './router';

export class InfomaniakNewsletter implements INodeType {
	description: INodeTypeDescription = {
		...nodeBasics({
			displayName: 'Infomaniak Newsletter',
			name: 'infomaniakNewsletter',
			group: 'transform',
			description:
				'Send campaigns and manage mailing lists and subscribers with Infomaniak Newsletter',
		}),
		icon: {
			light: 'file:../../icons/infomaniak.svg',
			dark: 'file:../../icons/infomaniak.dark.svg',
		},
		subtitle: OPERATION_SUBTITLE,
		usableAsTool: true,
		credentials: [{ name: 'cloudPackInfomaniakNewsletterApi', required: true }],
		properties: router.properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
