import { searchBuckets } from './searchBuckets';
import { searchObjects, searchSourceObjects } from './searchObjects';
import { testS3Credential } from './testS3Credential';

export const listSearch = { searchBuckets, searchObjects, searchSourceObjects };
export const credentialTest = { testS3Credential };
