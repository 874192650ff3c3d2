import { searchBuckets } from './searchBuckets';
import { searchEntries } from './searchEntries';

export const listSearch = { searchBuckets, searchEntries };
