import { parseRun } from '../../e2e/harness/n8n';

const run = {
	data: { resultData: { runData: { Upload: [{ data: { main: [[{ json: { key: 'a}b' } }]] } }] } } },
};

describe('parseRun (the e2e harness reading `n8n execute --rawOutput`)', () => {
	it('reads the run between log lines, also when n8n logs after the JSON', () => {
		const printed = `Loading…\n${JSON.stringify(run, null, 2)}\nRegistered runner "JS Task Runner" (abc)\n`;
		expect(parseRun(printed).output('Upload')).toEqual([{ json: { key: 'a}b' } }]);
		expect(parseRun(JSON.stringify(run, null, 2)).output('Upload')).toHaveLength(1);
	});

	it('refuses output without a complete run', () => {
		expect(() => parseRun('n8n crashed\n')).toThrow(/No run data/);
		expect(() => parseRun(JSON.stringify(run, null, 2).slice(0, -40))).toThrow();
	});
});
