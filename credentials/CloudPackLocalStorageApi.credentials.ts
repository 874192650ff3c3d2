import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class CloudPackLocalStorageApi implements ICredentialType {
	name = 'cloudPackLocalStorageApi';

	displayName = 'Cloud Pack Local Storage API';

	icon: Icon = { light: 'file:../icons/local.svg', dark: 'file:../icons/local.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-cloud-pack';

	properties: INodeProperties[] = [
		{
			displayName: 'Root Folder',
			name: 'rootDirectory',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/home/node/.n8n-files/storage',
			description:
				'Absolute path of a folder on the n8n server. Each sub-folder is a container; nothing outside it is read or written. n8n must be allowed to access it (N8N_RESTRICT_FILE_ACCESS_TO).',
		},
	];
}
