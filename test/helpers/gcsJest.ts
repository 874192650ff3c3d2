/**
 * Import this first in every jest test that drives @google-cloud/storage in-process.
 *
 * Jest runs each test file's modules in a VM context without ESM support (that needs
 * --experimental-vm-modules, which this repo's jest command does not pass). The SDK's two
 * HTTP libraries load `node-fetch` with a dynamic `import()` on first use, which Node then
 * refuses inside that context. Plain Node — n8n, the benchmarks — is not affected.
 * The libraries' own alternatives, for this test file's sandbox only:
 * - teeny-request (JSON API calls) uses its built-in node:http transport, which it selects
 *   when it runs on Bun (`'Bun' in globalThis`);
 * - gaxios (resumable uploads) takes Node's own fetch through its documented
 *   `fetchImplementation` default.
 */
import * as gaxiosModule from 'gaxios';

const gaxios = gaxiosModule as unknown as { instance: { defaults: Record<string, unknown> } };

const sandbox = globalThis as Record<string, unknown>;
if (!('Bun' in sandbox)) sandbox.Bun = { version: 'jest-shim' };
gaxios.instance.defaults.fetchImplementation = fetch;

export {};
