import { searchBuckets } from './searchBuckets';
import { searchObjects, searchSourceObjects } from './searchObjects';
import { testGcsCredential } from './testGcsCredential';

export const listSearch = { searchBuckets, searchObjects, searchSourceObjects };
export const credentialTest = { testGcsCredential };
