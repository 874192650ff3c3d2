import { invalid } from './errors';

/** The fake's own checks of request values, as Infomaniak's API makes them (422 on failure). */

export const LANGUAGES = ['de_DE', 'en_GB', 'es_ES', 'fr_FR', 'it_IT'];

const ADDRESS = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

export function isAddress(value: unknown): value is string {
	return typeof value === 'string' && ADDRESS.test(value) && !value.includes('..');
}

export function requireAddress(value: unknown, field: string): string {
	if (!isAddress(value)) throw invalid({ [field]: `The ${field} must be a valid email address.` });
	return value;
}

export function requireText(value: unknown, field: string, max = 255): string {
	if (typeof value !== 'string' || value.trim() === '')
		throw invalid({ [field]: `The ${field} field is required.` });
	if (value.length > max)
		throw invalid({ [field]: `The ${field} may not be greater than ${max} characters.` });
	return value;
}

/** A list of ids that must all exist. */
export function requireIds(
	value: unknown,
	field: string,
	exists: (id: number) => boolean,
): number[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw invalid({ [field]: `The ${field} must be an array.` });
	return value.map((entry, index) => {
		const id = Number(entry);
		if (!Number.isInteger(id) || !exists(id))
			throw invalid({ [`${field}.${index}`]: `The selected ${field}.${index} is invalid.` });
		return id;
	});
}
