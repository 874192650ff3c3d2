import type { IExecuteFunctions } from 'n8n-workflow';

import { figure } from '../../../nodes/OpenStackUsage/actions/common';
import { describePeriod, getPeriod, novaTime } from '../../../nodes/OpenStackUsage/actions/period';
import { createExecuteContext } from '../../helpers/executeContext';

const at = (params: Record<string, unknown>) =>
	createExecuteContext({ params }).ctx as IExecuteFunctions;
const NOW = new Date('2026-03-15T12:34:56.789Z');

describe('usage periods', () => {
	it.each([
		['currentMonth', '2026-03-01T00:00:00.000Z', NOW.toISOString()],
		['previousMonth', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
		['last24Hours', '2026-03-14T12:34:56.789Z', NOW.toISOString()],
		['last7Days', '2026-03-08T12:34:56.789Z', NOW.toISOString()],
		['last30Days', '2026-02-13T12:34:56.789Z', NOW.toISOString()],
	])('%s', (period, start, end) => {
		const result = getPeriod(at({ period }), 0, NOW);
		expect({ start: result.start.toISOString(), end: result.end.toISOString() }).toEqual({
			start,
			end,
		});
	});

	it('reads a custom period, its end now when empty, and refuses one that ends before it starts', () => {
		const custom = getPeriod(
			at({ period: 'custom', start: '2026-01-01T00:00:00Z', end: '' }),
			0,
			NOW,
		);
		expect(describePeriod(custom)).toEqual({
			start: '2026-01-01T00:00:00.000Z',
			end: NOW.toISOString(),
			hours: 1764.58,
		});
		expect(() => getPeriod(at({ period: 'custom', start: 'soon', end: '' }), 0, NOW)).toThrow(
			'Invalid "Start": "soon" is not a date',
		);
		expect(() =>
			getPeriod(at({ period: 'custom', start: '2026-02-01', end: '2026-01-01' }), 0, NOW),
		).toThrow(
			'Invalid "End": 2026-01-01T00:00:00.000Z is not after the Start (2026-02-01T00:00:00.000Z)',
		);
	});

	it('gives Nova UTC without a zone suffix', () => {
		expect(novaTime(NOW)).toBe('2026-03-15T12:34:56');
	});

	it('names a limit, what is used (reserved included) and what remains; -1 is unlimited', () => {
		expect(figure(50, 3, 1)).toEqual({ limit: 50, used: 4, remaining: 46 });
		expect(figure(-1, 7)).toEqual({ limit: null, used: 7, remaining: null });
		expect(figure(2, 5)).toEqual({ limit: 2, used: 5, remaining: 0 });
	});
});
