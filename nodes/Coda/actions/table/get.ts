import { getAction } from '../operations';

export const { description, execute } = getAction('table', ['docId', 'tableId']);
