import { isCompleteRun } from '../../e2e/harness/crashes';

/** The e2e harness accepts a run printed before an n8n crash only when the run is complete. */
describe('isCompleteRun', () => {
	const runData = { Start: [{}], Upload: [{}] };

	it('accepts a finished run', () => {
		expect(
			isCompleteRun({
				status: 'success',
				finished: true,
				data: { resultData: { runData, lastNodeExecuted: 'Upload' } },
			}),
		).toBe(true);
		expect(
			isCompleteRun({
				status: 'error',
				data: { resultData: { runData, lastNodeExecuted: 'Upload', error: {} } },
			}),
		).toBe(true);
	});

	it('refuses a run that was still going or has no last node', () => {
		expect(
			isCompleteRun({
				status: 'running',
				data: { resultData: { runData, lastNodeExecuted: 'Start' } },
			}),
		).toBe(false);
		expect(
			isCompleteRun({
				status: 'crashed',
				data: { resultData: { runData, lastNodeExecuted: 'Start' } },
			}),
		).toBe(false);
		expect(isCompleteRun({ status: 'success', data: { resultData: { runData } } })).toBe(false);
		expect(isCompleteRun({ data: {} })).toBe(false);
		expect(isCompleteRun(undefined)).toBe(false);
	});
});
