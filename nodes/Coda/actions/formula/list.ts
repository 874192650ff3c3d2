import { listAction, sortByName } from '../operations';

export const { description, execute } = listAction('formula', {
	parents: ['docId'],
	folder: 'formulas',
	...sortByName('Whether to sort the formulas by name'),
});
