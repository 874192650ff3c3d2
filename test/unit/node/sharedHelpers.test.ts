import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBinaryField } from '../../../nodes/shared/node/binary';
import { newNameParameter, optionsCollection } from '../../../nodes/shared/node/description';
import { otherFailureMessage, requireChange } from '../../../nodes/shared/node/errors';
import { getListingOptions, getSwitch } from '../../../nodes/shared/node/parameters';
import { storageLocators } from '../../../nodes/shared/node/storageLocators';
import { createExecuteContext } from '../../helpers/executeContext';

/** A context whose parameters are `params`; an unset one gives the fallback n8n is asked for. */
const contextWith = (params: Record<string, unknown>): IExecuteFunctions =>
	createExecuteContext({ params, items: [0, 1, 2].map(() => ({ json: {} })) }).ctx;

function thrownBy(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('nothing was thrown');
}

describe('storageLocators', () => {
	const { containerLocator, objectLocator } = storageLocators({
		container: {
			name: 'bucket',
			displayName: 'Bucket',
			description: 'The bucket to use',
			searchMethod: 'searchBuckets',
			placeholder: 'e.g. my-bucket',
		},
		object: {
			name: 'key',
			displayName: 'Key',
			description: "The object's key",
			searchMethods: { own: 'searchObjects', source: 'searchSourceObjects' },
			typedMode: 'key',
		},
	});

	it('names the container with its defaults, required unless asked otherwise', () => {
		expect(containerLocator()).toMatchObject({
			name: 'bucket',
			displayName: 'Bucket',
			required: true,
			default: { mode: 'list', value: '' },
		});
		expect(containerLocator('targetBucket', 'Target Bucket', false)).toMatchObject({
			name: 'targetBucket',
			displayName: 'Target Bucket',
			required: false,
		});
	});

	it("lists a copy's source object from the source container, typed first by key", () => {
		const own = objectLocator();
		const source = objectLocator('sourceKey', 'Source Key', true);
		expect(own.default).toEqual({ mode: 'key', value: '' });
		const searchOf = (property: typeof own) =>
			property.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
		expect(searchOf(own)).toBe('searchObjects');
		expect(searchOf(source)).toBe('searchSourceObjects');
	});
});

describe('parameter readers', () => {
	it('reads Prefix and Delimiter, an empty one as undefined', () => {
		expect(getListingOptions(contextWith({ options: { prefix: 'a/', delimiter: '' } }), 0)).toEqual(
			{ prefix: 'a/', delimiter: undefined },
		);
		expect(getListingOptions(contextWith({}), 0)).toEqual({
			prefix: undefined,
			delimiter: undefined,
		});
	});

	it('reads a switch with its default', () => {
		expect(getSwitch(contextWith({ force: true }), 'force', 0)).toBe(true);
		expect(getSwitch(contextWith({}), 'force', 0)).toBe(false);
		expect(getSwitch(contextWith({}), 'ifNotExists', 0, true)).toBe(true);
	});

	it('reads the binary field, trimmed, and refuses an empty one naming its label', () => {
		expect(getBinaryField(contextWith({ binaryPropertyName: ' out ' }), 0)).toBe('out');
		expect(getBinaryField(contextWith({}), 0)).toBe('data');
		const error = thrownBy(() =>
			getBinaryField(contextWith({ binaryPropertyName: ' ' }), 2, 'Put Output File in Field'),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid "Put Output File in Field": it must not be empty');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('requireChange', () => {
	it('lets a change through and refuses an empty one with what to add', () => {
		const ctx = contextWith({});
		expect(() => requireChange(ctx, { name: 'x' }, 0, 'updateFields', 'add a field')).not.toThrow();
		const error = thrownBy(() =>
			requireChange(ctx, {}, 1, 'updateFields', 'add a field', 'Update Fields'),
		);
		expect(error.message).toBe('Invalid "Update Fields": add a field');
		expect(error.context.itemIndex).toBe(1);
	});
});

describe('otherFailureMessage', () => {
	it('gives the HTTP status when there is one, else the network error', () => {
		const error = new Error('socket hang up');
		expect(otherFailureMessage('Coda', 502, ': busy', error)).toBe(
			'Coda failed to process the request (HTTP 502): busy',
		);
		expect(otherFailureMessage('Coda', Number(undefined), '', error)).toBe(
			'The request to Coda failed: socket hang up',
		);
	});
});

describe('shared descriptions', () => {
	it('gives New Name its placeholder and help only when given', () => {
		expect(newNameParameter({ name: 'name' })).toEqual({
			displayName: 'New Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
		});
		expect(newNameParameter({ placeholder: 'e.g. b', description: 'The new name' })).toMatchObject({
			name: 'newName',
			placeholder: 'e.g. b',
			description: 'The new name',
		});
	});

	it('makes an Options collection with its placeholder', () => {
		expect(optionsCollection([])).toMatchObject({ name: 'options', placeholder: 'Add option' });
		expect(optionsCollection([], 'Add Option').placeholder).toBe('Add Option');
	});
});
