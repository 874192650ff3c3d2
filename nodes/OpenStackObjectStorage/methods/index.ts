import { searchContainers } from './searchContainers';
import { searchObjects, searchSourceObjects } from './searchObjects';

export const listSearch = { searchContainers, searchObjects, searchSourceObjects };
