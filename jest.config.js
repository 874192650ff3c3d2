const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest } };

module.exports = {
	projects: [
		{
			...base,
			displayName: 'unit',
			testTimeout: 30_000,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			...base,
			displayName: 'integration',
			testTimeout: 120_000,
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
		},
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
