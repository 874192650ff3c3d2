import type { RouteContext, RouteDef } from '../context';
import { CodaError } from '../errors';

function whoami(ctx: RouteContext) {
	return { status: 200, body: ctx.present.user() };
}

function mutationStatus(ctx: RouteContext) {
	const status = ctx.mutations.status(ctx.params.requestId);
	if (!status)
		throw new CodaError(404, `Could not find a mutation with request ID ${ctx.params.requestId}`);
	return { status: 200, body: status };
}

export const accountRoutes: RouteDef[] = [
	{ method: 'GET', template: '/whoami', handler: whoami },
	{ method: 'GET', template: '/mutationStatus/{requestId}', handler: mutationStatus },
];
