import { locate } from '../../../nodes/Coda/actions/operations';
import { createExecuteContext } from '../../helpers/executeContext';

const contextWith = (params: Record<string, string>) => createExecuteContext({ params }).ctx;

describe("Coda's locate", () => {
	it('builds the path the locators name, each id URL-encoded, with the parameters they came from', () => {
		const target = locate(contextWith({ docId: 'AbC', tableId: 'Tasks / 2026', rowId: 'i-1' }), 0, [
			'docId',
			'tableId',
			'rowId',
		]);
		expect(target.path).toBe('/docs/AbC/tables/Tasks%20%2F%202026/rows/i-1');
		expect(target.ids).toEqual({ docId: 'AbC', tableId: 'Tasks / 2026', rowId: 'i-1' });
		expect(target.parameters).toEqual({ doc: 'Doc', table: 'Table', row: 'Row' });
	});

	it('takes the doc id out of a browser link, and refuses an empty locator first in order', () => {
		const target = locate(
			contextWith({ docId: 'https://coda.io/d/Project-Tracker_dAbCDeFGH', formulaId: 'f-1' }),
			0,
			['docId', 'formulaId'],
		);
		expect(target.path).toBe('/docs/AbCDeFGH/formulas/f-1');
		expect(() => locate(contextWith({ docId: '', tableId: '' }), 0, ['docId', 'tableId'])).toThrow(
			'Invalid "Doc": it must not be empty',
		);
	});
});
