import {
	PACK,
	keyLocator,
	locator,
	manualTrigger,
	workflow,
} from '../../test/e2e/harness/workflow';

/**
 * The workflow `benchStorageDown`: the Cloud Storage node downloading one object of a backend,
 * which the benchmarks measure beside the backend's own node (bench/lib/targets.ts).
 */
export function storageDownloadWorkflow(
	backend: string,
	container: string,
	key: string,
	credentials: Record<string, { id: string; name: string }>,
) {
	return workflow('benchStorageDown', [
		manualTrigger,
		{
			name: 'Download',
			type: `${PACK}.cloudStorage`,
			parameters: {
				backend,
				resource: 'object',
				operation: 'download',
				container: locator(container),
				key: keyLocator(key),
			},
			credentials,
		},
	]);
}
