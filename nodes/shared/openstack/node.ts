import type { INodeTypeDescription } from 'n8n-workflow';

import { nodeBasics } from '../node/description';

/**
 * What the description of every OpenStack node says alike: "OpenStack <service>", the clouds it
 * works with, the OpenStack credential.
 */
export function openStackNode(options: {
	name: string;
	service: string;
	/** What the node does, e.g. "Cinder: volumes, snapshots and backups". */
	about: string;
	group?: 'output' | 'transform';
}): Omit<INodeTypeDescription, 'properties'> {
	return {
		...nodeBasics({
			displayName: `OpenStack ${options.service}`,
			name: options.name,
			group: options.group ?? 'transform',
			description: `${options.about} (Infomaniak Public Cloud or any OpenStack cloud)`,
		}),
		credentials: [{ name: 'cloudPackOpenStackApi', required: true }],
	};
}
