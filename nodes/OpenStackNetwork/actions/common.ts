export { forOperation, returnAllAndLimit, showFor } from '../../shared/node/description';
export {
	COMPUTE_MICROVERSION,
	KEYPAIR_MICROVERSION,
	serviceRequest,
} from '../../shared/openstack/resources/api';
export { listResources } from '../../shared/openstack/resources/list';
export { tidy } from '../../shared/openstack/resources/output';
export { getWait, waitParameters } from '../../shared/openstack/resources/waitParameters';
