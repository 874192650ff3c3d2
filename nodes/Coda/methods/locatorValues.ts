import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** The value of another locator of the node being edited ('' when not set yet). */
export function currentLocator(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : '';
}

export const PICKER_PAGE_SIZE = 100;

export function matches(name: string, filter?: string): boolean {
	return !filter || name.toLowerCase().includes(filter.toLowerCase());
}
