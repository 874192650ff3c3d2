import { currentValue, picker } from '../../shared/node/pickers';
import { findApplication } from '../catalogue';

/** The known services of the chosen application (any other path can be typed "By Path"). */
export const searchServices = picker({
	page: async (ctx) => ({
		items: findApplication(currentValue(ctx, 'application'))?.services ?? [],
	}),
	searchIn: (service) => [service.name, service.path],
	result: (service) => ({
		name: `${service.name} (${service.path}${service.withoutId ? ', without ID' : ''})`,
		value: service.path,
	}),
});
