import { Readable } from 'stream';
import type { IBinaryData } from 'n8n-workflow';

import { fileNameOfKey, keyBinary } from '../../../nodes/shared/node/fileName';

describe('the file name of a downloaded object', () => {
	it.each([
		['report.pdf', 'report.pdf'],
		['reports/2026/summary.pdf', 'summary.pdf'],
		['reports/2026/', '2026'],
		['folder//', 'folder'],
		['/', 'download'],
		['a?x-id=GetObject', 'a?x-id=GetObject'],
		['dir/.hidden', '.hidden'],
	])('%j → %j', (key, name) => {
		expect(fileNameOfKey(key)).toBe(name);
	});

	it('is kept whole on n8n\'s binary data, although n8n cuts a name at "?"', async () => {
		// n8n's prepareBinaryData: the part before "?" and after the last "/" of the name
		const prepareBinaryData = async (_data: unknown, filePath?: string, mimeType?: string) => {
			const name = String(filePath).split('?')[0].split('/').pop() as string;
			return {
				data: '',
				mimeType: mimeType ?? 'application/octet-stream',
				fileName: name,
				fileExtension: name.includes('.') ? name.split('.').pop() : undefined,
			} as IBinaryData;
		};
		const ctx = { helpers: { prepareBinaryData } } as never;
		const binary = await keyBinary(ctx, Readable.from([]), 'inbox/what?.tar.gz', '');
		expect(binary).toMatchObject({ fileName: 'what?.tar.gz', fileExtension: 'gz' });
		const folder = await keyBinary(ctx, Readable.from([]), 'inbox/2026/', 'text/plain');
		expect(folder.fileName).toBe('2026');
		expect(folder.fileExtension).toBeUndefined();
	});
});
