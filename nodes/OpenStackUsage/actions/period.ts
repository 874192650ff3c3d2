import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';

/** The period of a usage report: presets or two dates; read with `getPeriod`. */
export const periodParameters: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Current Month', value: 'currentMonth', description: 'From the 1st (UTC) until now' },
			{ name: 'Custom', value: 'custom' },
			{ name: 'Last 24 Hours', value: 'last24Hours' },
			{ name: 'Last 30 Days', value: 'last30Days' },
			{ name: 'Last 7 Days', value: 'last7Days' },
			{
				name: 'Previous Month',
				value: 'previousMonth',
				description: 'The whole previous calendar month (UTC)',
			},
		],
		default: 'currentMonth',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		description: 'Empty for now',
		displayOptions: { show: { period: ['custom'] } },
	},
];

export interface Period {
	start: Date;
	end: Date;
}

const HOUR = 3_600_000;

export function getPeriod(ctx: IExecuteFunctions, itemIndex: number, now = new Date()): Period {
	const preset = ctx.getNodeParameter('period', itemIndex, 'currentMonth') as string;
	const monthStart = (offset: number) =>
		new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
	switch (preset) {
		case 'last24Hours':
			return { start: new Date(now.getTime() - 24 * HOUR), end: now };
		case 'last7Days':
			return { start: new Date(now.getTime() - 7 * 24 * HOUR), end: now };
		case 'last30Days':
			return { start: new Date(now.getTime() - 30 * 24 * HOUR), end: now };
		case 'previousMonth':
			return { start: monthStart(-1), end: monthStart(0) };
		case 'custom': {
			const date = (name: string, label: string, fallback?: Date) => {
				const raw = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
				if (!raw && fallback) return fallback;
				const time = Date.parse(raw);
				if (!Number.isFinite(time))
					throw parameterError(ctx.getNode(), label, `"${raw}" is not a date`, itemIndex);
				return new Date(time);
			};
			const start = date('start', 'Start');
			const end = date('end', 'End', now);
			if (end <= start)
				throw parameterError(
					ctx.getNode(),
					'End',
					`${end.toISOString()} is not after the Start (${start.toISOString()})`,
					itemIndex,
				);
			return { start, end };
		}
		default:
			return { start: monthStart(0), end: now };
	}
}

/** What Nova's usage API reads: UTC without a zone suffix, whole seconds. */
export function novaTime(date: Date): string {
	return date.toISOString().slice(0, 19);
}

export function describePeriod(period: Period) {
	return {
		start: period.start.toISOString(),
		end: period.end.toISOString(),
		hours: Math.round(((period.end.getTime() - period.start.getTime()) / HOUR) * 100) / 100,
	};
}
