import { getAction } from '../operations';

export const { description, execute } = getAction('formula', ['docId', 'formulaId']);
