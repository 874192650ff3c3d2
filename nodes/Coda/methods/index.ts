import { searchColumns } from './searchColumns';
import { searchDocs } from './searchDocs';
import { searchPages } from './searchPages';
import { searchRows } from './searchRows';
import { searchTables } from './searchTables';

export const listSearch = { searchColumns, searchDocs, searchPages, searchRows, searchTables };
