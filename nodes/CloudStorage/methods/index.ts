import { searchContainers } from './searchContainers';
import { searchObjects, searchSourceObjects } from './searchObjects';
import { testLocalCredential } from './testLocalCredential';

export const listSearch = { searchContainers, searchObjects, searchSourceObjects };
export const credentialTest = { testLocalCredential };
