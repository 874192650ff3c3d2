import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter as invalid } from '../../shared/node/errors';
import { getLocatorValue } from '../../shared/node/parameters';

/** A bad-input error naming the parameter as this node shows it. */
export { invalid };

/** A bucket or object picker's value, trimmed (object names keep inner spaces). */
export function locator(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return getLocatorValue(ctx, name, itemIndex);
}
