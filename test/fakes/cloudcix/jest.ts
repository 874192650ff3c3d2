import { startCloudCixFake, type CloudCixFake } from './server';

/**
 * One CloudCIX fake for a test file, handed to `use` once started: reset before each test,
 * checked for protocol misuse after each (`violations` must stay empty), closed after all.
 */
export function useCloudCixFake(use: (fake: CloudCixFake) => void): void {
	let fake: CloudCixFake | undefined;
	beforeAll(async () => {
		fake = await startCloudCixFake();
		use(fake);
	});
	afterAll(async () => {
		await fake?.close();
	});
	beforeEach(() => fake!.reset());
	afterEach(() => {
		expect(fake!.violations).toEqual([]);
	});
}
