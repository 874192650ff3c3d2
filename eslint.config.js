// Lint: n8n's own rule sets for community packages — eslint-plugin-n8n-nodes-base and
// @n8n/eslint-plugin-community-nodes (what `@n8n/scan-community-package` runs) — on the package,
// and typescript-eslint's recommended rules on tests, scripts and benchmarks. Every rule switched
// off says why; the README lists the design reasons as well.
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const community = require('@n8n/eslint-plugin-community-nodes');
const tseslint = require('typescript-eslint');
const tsParser = require('@typescript-eslint/parser');
const jsoncParser = require('jsonc-eslint-parser');

const typescript = { parser: tsParser, parserOptions: { sourceType: 'module' } };

module.exports = tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.dev/**', 'coverage/**'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			'n8n-nodes-base/community-package-json-name-still-default': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: typescript,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our credentials are documented in the README (full URLs), not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: typescript,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// continue-on-fail is handled once, for every node, by nodes/shared/node (buildRouter →
			// mapItems); the rule only looks for the call inside each node's own execute().
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// These two ask for the string 'main'; n8n's newer community rule
			// (node-connection-type-literal, below) asks for NodeConnectionTypes.Main instead.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The Cloud Storage node lists the Local credential literally (so that n8n's scanner sees its
		// testedBy) and spreads the other backends' credentials from the backend registry; this
		// older rule crashes on a spread element. Every credential name ends in "Api" all the same
		// (test/unit/packageManifest.test.ts).
		files: [
			'nodes/CloudStorage/CloudStorage.node.ts',
			'nodes/CloudStorage/CloudStorageTrigger.node.ts',
		],
		rules: { 'n8n-nodes-base/node-class-description-credentials-name-unsuffixed': 'off' },
	},
	{
		...community.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		rules: {
			// The pack is built on the providers' official SDKs (S3, Azure, GCS), which is why it is
			// for self-hosted n8n and not n8n Cloud (README: "Self-hosted n8n only").
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			// Same reason: the SDKs, and Node's fs/stream/http/crypto, which stream binary data and
			// serve the Local backend (self-hosted n8n only).
			'@n8n/community-nodes/no-restricted-imports': 'off',
		},
	},
	{
		files: [
			'nodes/shared/storage/**/*.ts',
			'nodes/shared/transport/**/*.ts',
			'nodes/shared/host/**/*.ts',
			'nodes/shared/openstack/**/*.ts',
		],
		rules: {
			// The shared layer has no node to attach an n8n error to: it throws typed errors
			// (StorageError and its kinds, transport failures, OpenStack credential errors) that the one router maps to
			// NodeOperationError / NodeApiError naming the parameter (nodes/shared/node/errors.ts).
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.{ts,js}', 'bench/**/*.{ts,js}'],
		extends: [tseslint.configs.recommended],
		languageOptions: typescript,
		rules: {
			// Tests read JSON documents (n8n's run data, raw provider answers) whose shape is what
			// they assert; typing each of them would add nothing the assertions do not check.
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
	{
		// Plain Node.js CommonJS scripts (preloads, the test summary), run by node directly.
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
