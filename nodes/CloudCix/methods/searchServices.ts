import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findApplication } from '../catalogue';

/** The known services of the chosen application (any other path can be typed "By Path"). */
export async function searchServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const application = String(this.getCurrentNodeParameter('application') ?? '');
	const needle = (filter ?? '').trim().toLowerCase();
	const services = (findApplication(application)?.services ?? []).filter(
		(service) =>
			needle === '' ||
			service.name.toLowerCase().includes(needle) ||
			service.path.toLowerCase().includes(needle),
	);
	return {
		results: services.map((service) => ({
			name: `${service.name} (${service.path}${service.withoutId ? ', without ID' : ''})`,
			value: service.path,
		})),
	};
}
