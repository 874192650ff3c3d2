import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { describeVolume, findVolume, volumeParameter } from './shared';

export const description = forOperation(showFor('volume', 'get'), [volumeParameter]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return describeVolume(await findVolume(this, itemIndex));
}
