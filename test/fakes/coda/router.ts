import type { RouteDef } from './context';
import { accountRoutes } from './routes/account';
import { docRoutes } from './routes/docs';
import { formulaRoutes } from './routes/formulas';
import { pageRoutes } from './routes/pages';
import { rowRoutes } from './routes/rows';
import { tableRoutes } from './routes/tables';

export const ALL_ROUTES: RouteDef[] = [
	...accountRoutes,
	...docRoutes,
	...pageRoutes,
	...tableRoutes,
	...rowRoutes,
	...formulaRoutes,
];

interface CompiledRoute {
	def: RouteDef;
	regex: RegExp;
	names: string[];
}

/** Matches request paths (relative to the API base) against OpenAPI-style templates. */
export class Router {
	private readonly routes: CompiledRoute[];

	constructor(defs: RouteDef[] = ALL_ROUTES) {
		this.routes = defs.map((def) => {
			const names: string[] = [];
			const pattern = def.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
				names.push(name);
				return '([^/]+)';
			});
			return { def, regex: new RegExp(`^${pattern}$`), names };
		});
	}

	get templates(): Array<{ method: string; template: string }> {
		return this.routes.map((r) => ({ method: r.def.method, template: r.def.template }));
	}

	match(
		method: string,
		path: string,
	): { def: RouteDef; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.def.method !== method.toUpperCase()) continue;
			const m = route.regex.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.names.forEach((name, i) => {
				params[name] = safeDecode(m[i + 1]);
			});
			return { def: route.def, params };
		}
		return undefined;
	}
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
