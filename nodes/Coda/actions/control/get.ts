import { getAction } from '../operations';

export const { description, execute } = getAction('control', ['docId', 'controlId']);
