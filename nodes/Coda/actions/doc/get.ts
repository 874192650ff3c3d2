import { getAction } from '../operations';

export const { description, execute } = getAction('doc', ['docId']);
