import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import {
	awsSystemCredentialsEnabled,
	readN8nBoolean,
	readN8nSetting,
	readN8nString,
} from '../../../nodes/shared/host/n8nSettings';
import { readS3Config } from '../../../nodes/shared/storage/drivers/s3/config';

describe("n8n's settings, read as @n8n/config reads them", () => {
	let dir: string;
	beforeAll(async () => {
		dir = await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-n8n-settings-'));
		await fs.writeFile(path.join(dir, 'on'), ' true\n');
	});
	afterAll(async () => {
		await fs.rm(dir, { recursive: true, force: true });
	});

	it('the variable, even empty; else the trimmed contents of <NAME>_FILE; else nothing', () => {
		expect(readN8nSetting('X', { X: '' })).toEqual({ value: '' });
		expect(readN8nSetting('X', { X: 'a', X_FILE: path.join(dir, 'on') })).toEqual({ value: 'a' });
		expect(readN8nSetting('X', { X_FILE: path.join(dir, 'on') })).toEqual({ value: 'true' });
		expect(readN8nSetting('X', {})).toEqual({});
		expect(readN8nSetting('X', { X_FILE: path.join(dir, 'missing') })).toEqual({
			unreadable: true,
		});
	});

	it('text: trimmed, one pair of quotes dropped, the default when unset', () => {
		expect(readN8nString('X', 'd', { X: '  "/a;/b" ' })).toBe('/a;/b');
		expect(readN8nString('X', 'd', { X: "'x'" })).toBe('x');
		expect(readN8nString('X', 'd', {})).toBe('d');
		expect(readN8nString('X', 'd', { X_FILE: path.join(dir, 'missing') })).toBeUndefined();
	});

	it.each([
		['true', true],
		['TRUE', true],
		['1', true],
		['false', false],
		['0', false],
		[' true', false],
		['yes', false],
		['', false],
	])('boolean %j is %s (default off)', (value, expected) => {
		expect(readN8nBoolean('X', false, { X: value })).toBe(expected);
	});

	it('N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED: off unless n8n reads it as on', () => {
		const name = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';
		expect(awsSystemCredentialsEnabled({})).toBe(false);
		expect(awsSystemCredentialsEnabled({ [name]: 'true' })).toBe(true);
		expect(awsSystemCredentialsEnabled({ [name]: '1' })).toBe(true);
		expect(awsSystemCredentialsEnabled({ [name]: 'on' })).toBe(false);
		expect(awsSystemCredentialsEnabled({ [`${name}_FILE`]: path.join(dir, 'on') })).toBe(true);
		expect(awsSystemCredentialsEnabled({ [`${name}_FILE`]: path.join(dir, 'missing') })).toBe(
			false,
		);
	});

	it("the S3 credential's default chain is refused unless the server enables it", () => {
		const saved = { ...process.env };
		const chain = { provider: 'aws', region: 'eu-west-1', authentication: 'defaultChain' };
		try {
			delete process.env.N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED;
			expect(() => readS3Config(chain)).toThrow(
				/"AWS Default Credential Chain of the n8n Host" is disabled on this n8n server.*N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true/,
			);
			process.env.N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED = 'true';
			expect(readS3Config(chain).credentials).toBeUndefined();
		} finally {
			process.env = saved;
		}
	});
});
