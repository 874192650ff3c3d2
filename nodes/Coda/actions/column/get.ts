import { getAction } from '../operations';

export const { description, execute } = getAction('column', ['docId', 'tableId', 'columnId']);
