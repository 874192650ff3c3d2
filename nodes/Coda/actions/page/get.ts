import { getAction } from '../operations';

export const { description, execute } = getAction('page', ['docId', 'pageId']);
