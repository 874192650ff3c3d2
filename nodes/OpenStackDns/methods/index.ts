import { searchRecordSets } from './searchRecordSets';
import { searchZones } from './searchZones';

export const listSearch = { searchRecordSets, searchZones };
