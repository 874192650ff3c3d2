/** What the operations of the infrastructure nodes use, in one import (each node's actions/common.ts). */
export { forOperation, returnAllAndLimit, showFor } from '../../node/description';
export { COMPUTE_MICROVERSION, KEYPAIR_MICROVERSION, serviceRequest } from './api';
export {
	filterQuery,
	filtersCollection,
	nameFilter,
	optionsCollection,
	relatedFilter,
	statusFilter,
} from './filters';
export { listResources } from './list';
export { tidy } from './output';
export { getWait, waitParameters } from './waitParameters';
