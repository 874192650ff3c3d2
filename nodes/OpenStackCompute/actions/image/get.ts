import type { IExecuteFunctions } from 'n8n-workflow';

import { imageFinder } from '../../../shared/openstack/resources/image';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { imageLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, showFor, tidy } from '../common';

export const description = forOperation(showFor('image', 'get'), [imageLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return tidy(await findFromParameter(this, itemIndex, 'image', 'Image', imageFinder));
}
