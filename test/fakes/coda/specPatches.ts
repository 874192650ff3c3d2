import { isObject, type JsonObject } from './specNormalize';

/**
 * Corrections applied to Coda's published OpenAPI document before it is used for validation.
 * Each one fixes a place where the document contradicts itself (no payload could ever validate),
 * so it is a spec bug, not a liberty taken by the fake. The unit of each patch is tested: the
 * integration test asserts the unpatched document still exhibits the problem, so a fixed upstream
 * document makes the test fail and the patch can be dropped.
 */
export interface SpecPatch {
	id: string;
	reason: string;
	apply(spec: JsonObject): void;
}

function schema(spec: JsonObject, name: string): JsonObject {
	const found = ((spec.components as JsonObject).schemas as JsonObject)[name];
	if (!isObject(found)) throw new Error(`spec patch: schema ${name} not found`);
	return found;
}

export const CODA_SPEC_PATCHES: SpecPatch[] = [
	{
		id: 'table-viewId',
		reason:
			'Table lists "viewId" in `required` but does not declare it in `properties` while ' +
			'setting `additionalProperties: false`, so no Table payload can validate. Dropped from `required`.',
		apply(spec) {
			const table = schema(spec, 'Table');
			table.required = (table.required as string[]).filter((name) => name !== 'viewId');
		},
	},
];

export function applySpecPatches(
	spec: JsonObject,
	patches: SpecPatch[] = CODA_SPEC_PATCHES,
): JsonObject {
	const copy = structuredClone(spec);
	for (const patch of patches) patch.apply(copy);
	return copy;
}
