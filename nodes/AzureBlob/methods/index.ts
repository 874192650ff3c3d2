import { searchBlobs, searchSourceBlobs } from './searchBlobs';
import { searchContainers } from './searchContainers';
import { testAzureBlobCredential } from './testAzureBlobCredential';

export const listSearch = { searchContainers, searchBlobs, searchSourceBlobs };
export const credentialTest = { testAzureBlobCredential };
