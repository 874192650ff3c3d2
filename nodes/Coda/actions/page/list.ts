import { listAction } from '../operations';

export const { description, execute } = listAction('page', { parents: ['docId'], folder: 'pages' });
